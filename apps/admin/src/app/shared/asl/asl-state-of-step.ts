// ASL step ids name the state entered last in their path (`3.Fetch`, `2.Map1[5]/1.Inner`,
// `4.Par#2[1]/1.First`); names are escaped by the engine so `/ [ ] # %` never appear raw.
export function aslStateOfStep(stepId: string): string {
  const last = stepId.slice(stepId.lastIndexOf('/') + 1);
  const name = last.slice(last.indexOf('.') + 1);
  return name.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// A state entered many times (Map iterations, loops) shows its most telling status: anything
// still moving wins, then a failure, then the latest entry.
const RANK: Record<string, number> = { running: 5, retrying: 4, pending: 3, failed: 2 };

export function statusByState(
  steps: ReadonlyArray<{ readonly stepId: string; readonly status: string }>,
): Record<string, string> {
  const statuses: Record<string, string> = {};
  for (const step of steps) {
    const name = aslStateOfStep(step.stepId);
    const current = statuses[name];
    if (!current || (RANK[step.status] ?? 0) >= (RANK[current] ?? 0)) statuses[name] = step.status;
  }
  return statuses;
}
