import type { AslConformanceCase } from '../asl-conformance-case.js';
import { choiceCases } from './choice-cases.js';
import { dataFlowCases } from './data-flow-cases.js';
import { intrinsicCases } from './intrinsic-cases.js';
import { passCases } from './pass-cases.js';

/** Every conformance case, grouped by what they cover. */
export const ASL_CONFORMANCE_CASES: AslConformanceCase[] = [...passCases, ...dataFlowCases, ...intrinsicCases, ...choiceCases];
