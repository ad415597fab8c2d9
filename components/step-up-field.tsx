// The code field an action asks for when it needs a fresh second-factor code (step-up: the action
// answered `stepUp: true`). The form is sent again with it as `stepUpCode`; the server checks it.
// Every form that may ask imports it from here: the field (./step-up-input.tsx) comes only when asked
// for, not with the page (issue 17, first-load JS budget), and one lazy path keeps a page with several
// such forms paying for it once.
import { lazy, Suspense } from 'react';

export interface StepUpFieldProps {
  state: { stepUp?: boolean; message?: string };
  /** Unique on the page: several forms may ask at once. */
  id: string;
  /** One line, for the small forms of a list row. */
  compact?: boolean;
}

const StepUpInput = lazy(() => import('./step-up-input'));

export function StepUpField(props: StepUpFieldProps) {
  if (!props.state.stepUp) return null;
  return (
    <Suspense>
      <StepUpInput {...props} />
    </Suspense>
  );
}
