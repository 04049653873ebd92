import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PatternValidationError } from '../../pattern/PatternValidationError';
import {
  DEFAULT_YAML_MAX_BYTES,
  E2EExpectationModel,
  parseE2EInclude,
} from '../../pattern/models';

/**
 * Loads the file an `include:` item of `e2e.yaml` names, as ork's
 * `ExpandExpectIncludes` does: a relative path is joined to the directory of
 * the e2e.yaml (not the cwd), an absolute one is used as it is; a missing
 * file is an error (`ork e2e` fails the run, so the push is blocked). Beyond
 * ork, it refuses what is not a regular file (a FIFO would block) or is over
 * the YAML size limit, and reports only the first line of a parse error, so
 * no content of a file outside the pattern folder reaches the log.
 */
export async function loadE2eInclude(
  e2eFile: string,
  include: string,
  index: number,
): Promise<E2EExpectationModel[]> {
  const path = resolve(dirname(e2eFile), include);
  const fail = (problem: string): never => {
    throw new PatternValidationError(
      `${e2eFile}: spec.expect[${index}].include ${include}: ${problem}`,
    );
  };
  let size = 0;
  try {
    const info = await stat(path);
    if (!info.isFile()) fail('is not a regular file');
    size = info.size;
  } catch (error) {
    if (error instanceof PatternValidationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `file ${path} does not exist`
        : `cannot be read (${code ?? 'error'})`,
    );
  }
  if (size > DEFAULT_YAML_MAX_BYTES) {
    fail(`is ${size} bytes; the limit is ${DEFAULT_YAML_MAX_BYTES}`);
  }
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    fail(
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    return parseE2EInclude(text, include);
  } catch (error) {
    if (!(error instanceof PatternValidationError)) throw error;
    return fail(error.message.split('\n')[0].replace(/:$/, ''));
  }
}
