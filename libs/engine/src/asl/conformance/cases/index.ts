import type { AslConformanceCase } from '../asl-conformance-case.js';
import { choiceCases } from './choice-cases.js';
import { dataFlowCases } from './data-flow-cases.js';
import { integrationCases } from './integration-cases.js';
import { intrinsicCases } from './intrinsic-cases.js';
import { jsonataCases } from './jsonata-cases.js';
import { mapCases } from './map-cases.js';
import { nestedCases } from './nested-cases.js';
import { parallelCases } from './parallel-cases.js';
import { passCases } from './pass-cases.js';
import { taskCases } from './task-cases.js';
import { variableCases } from './variable-cases.js';
import { waitCases } from './wait-cases.js';

/** Every conformance case, grouped by what they cover. */
export const ASL_CONFORMANCE_CASES: AslConformanceCase[] = [
  ...passCases,
  ...dataFlowCases,
  ...intrinsicCases,
  ...choiceCases,
  ...taskCases,
  ...waitCases,
  ...parallelCases,
  ...mapCases,
  ...integrationCases,
  ...jsonataCases,
  ...variableCases,
  ...nestedCases,
];
