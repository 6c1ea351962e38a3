import { decodeText, readFileBytes } from '@hwcost/model';

/** Reports and firmware headers are text of at most a few megabytes; large HLS reports reach tens. */
const MAX_TEXT_BYTES = 256 * 1024 * 1024;

/** Reads a UTF-8 text file; `what` names it in errors ("report", "firmware header", …). */
export async function readText(file: string, what: string): Promise<string> {
  return decodeText(await readFileBytes(file, what, MAX_TEXT_BYTES), file);
}
