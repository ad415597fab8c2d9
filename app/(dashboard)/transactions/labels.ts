export const CHANNEL_LABELS = { ONLINE: 'Online', IN_STORE: 'In-store' } as const;
