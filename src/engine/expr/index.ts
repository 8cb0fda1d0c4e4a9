export type { ExprEnv, ExprScope, RunScope, StepScope, SyntaxCheck } from './expr-types.js';
export { checkExpression, evaluateExpression } from './evaluate-expression.js';
export { checkTemplate, renderTemplate } from './render-template.js';
export { seededRandom } from './seeded-random.js';
export { secretScope, type SecretLookup } from './secret-scope.js';
export { renameStep, readsStep } from './rename-step.js';
