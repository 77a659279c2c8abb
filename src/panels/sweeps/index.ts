export { SweepsView } from './SweepsView';
export { runStages, cancelStages, ALL_STAGES } from './runner';
