import type { BatonConfig } from '../../config/baton-config';

/**
 * How long past its lease a running step may stay before it counts as stuck. Recovery sweeps
 * at boot and every 30 s and BullMQ's stalled check every BATON_STALLED_CHECK_MS; two of the
 * longer period is "recovery had its chance and did not take it back".
 */
export function stuckLeaseGraceMs(config: Pick<BatonConfig, 'stalledCheckMs'>): number {
  return 2 * Math.max(30_000, config.stalledCheckMs);
}
