/**
 * zod, configured once for the app: `jitless` keeps zod from compiling object parsers with
 * `new Function` (and from probing for it), which the Content-Security-Policy forbids (no
 * 'unsafe-eval'); the probe alone is reported as a violation. Import `z` from here, not from 'zod'.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
