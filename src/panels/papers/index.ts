/** The papers, figure by figure (issue 10). */
export { PapersView } from './PapersView';
