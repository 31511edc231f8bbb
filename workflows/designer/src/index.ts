export { Designer, type DesignerProps } from './Designer';
export { autoLayout } from './layout';
export * from './model';
export { diffFlows, marksOf, type FlowDiff } from './diff';
