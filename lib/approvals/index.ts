// Approvals (issue 16) as the app uses them, on the app's one Prisma client: the rules (Settings),
// the queue and its count (the "Waiting for approval" page, the navigation). Deciding on a waiting
// refund is the refund engine's: approveRefund and rejectRefund in lib/refunds. The functions behind
// these take their database client, so tests and scripts pass their own.
import 'server-only';
import { cache } from 'react';
import type { Actor, Role } from '../auth/roles';
import { prisma } from '../db';
import * as queue from './queue';
import * as rules from './rules';

export { RuleRefused, type ApprovalRuleView, type RuleInput } from './rules';
export type { DecidedRefund, WaitingRefund } from './queue';
export { ruleWords, type ApprovalRuleKind } from './needed';

export const approvalRulesInForce = (admin: Actor) => rules.approvalRulesInForce(prisma, admin);
export const approvalRuleHistory = (admin: Actor) => rules.approvalRuleHistory(prisma, admin);
export const setApprovalRule = (admin: Actor, input: rules.RuleInput) => rules.setApprovalRule(prisma, admin, input);
export const removeApprovalRule = (admin: Actor, ruleId: string) => rules.removeApprovalRule(prisma, admin, ruleId);
export const waitingRefunds = (viewer: Actor) => queue.waitingRefunds(prisma, viewer);
// Once per request: the layout's navigation and the overview both show it.
const waitingCountOnce = cache((id: string, role: Role) => queue.waitingCount(prisma, { id, role }));
export const waitingCount = (viewer: Actor) => waitingCountOnce(viewer.id, viewer.role);
export const decidedRefund = (viewer: Actor, refundRequestId: string) =>
  queue.decidedRefund(prisma, viewer, refundRequestId);
