/** The fill-to-the-fold heights live in ui/ (the batch views use them too); the shell imports them from here. */
export { fillHeight, useFillHeight } from '../ui/useFillHeight';
