/** Injection token of the ChannelServices the failure notifier sends through. */
export const FAILURE_CHANNEL_SERVICES = Symbol('FAILURE_CHANNEL_SERVICES');
