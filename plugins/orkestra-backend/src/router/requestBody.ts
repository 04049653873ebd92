import { InputError } from '@backstage/errors';
import express from 'express';
import { z } from 'zod/v3';
import { refuseNulCharacters } from '../refuseNulCharacters';

/**
 * Parses JSON bodies of at most 64 KiB, and refuses NUL characters anywhere
 * (PostgreSQL refuses NUL in text): one 400 for every path, query and body.
 */
export function bodyParsing(): express.RequestHandler[] {
  // Parse errors quote the body; never send it back.
  const notJson: express.ErrorRequestHandler = (error, _req, _res, next) => {
    const type = (error as { type?: unknown } | undefined)?.type;
    if (type === 'entity.parse.failed') {
      next(new InputError('Request body is not valid JSON'));
      return;
    }
    next(error);
  };
  return [
    express.json({ limit: '64kb' }),
    // Express tells error handlers by their arity; the option's type does not.
    notJson as unknown as express.RequestHandler,
    refuseNulCharacters,
  ];
}

/**
 * Checks the JSON body against `schema` before the permission check, keeping
 * the parsed body in `res.locals.body`; `describe` words the 400.
 */
export function bodyMatching<T extends z.ZodTypeAny>(
  schema: T,
  describe: (error: z.ZodError) => string,
): express.RequestHandler {
  return (req, res, next) => {
    const body = schema.safeParse(req.body);
    if (!body.success) throw new InputError(describe(body.error));
    res.locals.body = body.data;
    next();
  };
}

/** The body that `bodyMatching(schema, ...)` admitted. */
export function bodyOf<T extends z.ZodTypeAny>(
  res: express.Response,
  _schema: T,
): z.output<T> {
  return res.locals.body;
}
