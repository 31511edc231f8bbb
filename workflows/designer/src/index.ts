export { Designer, type DesignerProps } from './Designer';
export { autoLayout } from './layout';
export * from './model';
