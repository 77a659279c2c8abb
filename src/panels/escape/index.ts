/** The escape & grokking lab (issue 5). */
export { EscapeView } from './EscapeView';
