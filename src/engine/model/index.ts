export {
  analyzeBlocks,
  type BlockAnalysis,
  type BlockBranch,
  type BlockInfo,
  type GraphView,
} from './block-analysis.js';
export { lineColumn, locateJsonError, type JsonErrorLocation } from './json-error.js';
export {
  outPorts,
  PINNABLE_KINDS,
  PURE_KINDS,
  RETRY_KINDS,
  TASK_KINDS,
  TERMINAL_KINDS,
  TIMEOUT_KINDS,
  WAITING_KINDS,
} from './node-ports.js';
export { parseWorkflow, parseWorkflowValue, type ParseResult } from './parse-workflow.js';
export {
  aKind,
  edgeRef,
  formatProblem,
  isError,
  locationPrefix,
  PROBLEM_CODES,
  type Problem,
  type ProblemCode,
} from './problem.js';
export { expressionFields } from './rules-expressions.js';
export { ranBefore } from './rules-references.js';
export { referencesTo, renameStepReferences, type StepReference } from './step-references.js';
export { validateWorkflow, workflowErrors, workflowIds } from './validate-workflow.js';
export { findWorkflow, graphOf, WorkflowGraph, type ParallelBlock } from './workflow-graph.js';
export {
  diffDocuments,
  diffSize,
  sameDesign,
  type DocumentDiff,
  type EdgeRef,
  type NodeChange,
} from './document-diff.js';
