import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ValidationError } from '../errors/index.js';

/** Deeper than this a body is refused: no form nests past a handful of levels, and the engine, the
 * history and the logs walk values recursively. */
export const maxBodyDepth = 64;

/** With the `u` flag a pair is one code point, so this matches only a surrogate without its partner. */
const loneSurrogate = /[\uD800-\uDFFF]/u;

/**
 * What no handler could store faithfully: a string holding NUL (PostgreSQL's text refuses it) or a
 * lone UTF-16 surrogate (not Unicode: UTF-8 cannot carry it, so the database would store U+FFFD in
 * its place and the value would change without anyone noticing). Undefined when `s` is fine.
 */
export function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'holds the NUL character (U+0000)';
  if (loneSurrogate.test(s)) return 'is not well-formed Unicode (a lone UTF-16 surrogate)';
  return undefined;
}

/** The first problem in a JSON value, with the dotted path to it (`variables.members.0.name`). */
function valueProblem(value: unknown, path: string, depth: number): { field: string; message: string } | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { field: path, message: problem } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= maxBodyDepth) return { field: path, message: `nests deeper than ${maxBodyDepth} levels` };
  for (const [key, v] of Object.entries(value)) {
    const field = `${path}.${key}`;
    const keyProblem = textProblem(key);
    if (keyProblem) return { field: path, message: `has a property name that ${keyProblem}` };
    const found = valueProblem(v, field, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses (400, naming the path segment, the query parameter or the body field) a request whose
 * input the handlers cannot take as text: a path segment that is not percent-encoded UTF-8 (`%FF`,
 * an encoded surrogate) or decodes to NUL; a query value or a body string holding NUL or a lone
 * surrogate; a body nested deeper than {@link maxBodyDepth}. Runs after the body parsers, before
 * anything reads the input, so every route gets the same words for the same mistake.
 */
export function wellFormedRequest(): RequestHandler {
  return function checkWellFormed(req: Request, _res: Response, next: NextFunction) {
    for (const segment of req.path.split('/')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        throw new ValidationError(`path: the segment "${segment.slice(0, 100)}" is not percent-encoded UTF-8`, { field: 'path', segment: segment.slice(0, 100) });
      }
      const problem = textProblem(decoded);
      if (problem) throw new ValidationError(`path: the segment "${segment.slice(0, 100)}" ${problem}`, { field: 'path', segment: segment.slice(0, 100) });
    }
    for (const [name, value] of Object.entries(req.query)) {
      const nameProblem = textProblem(name);
      if (nameProblem) throw new ValidationError(`query: a parameter name ${nameProblem}`, { field: 'query' });
      const found = valueProblem(value, `query.${name}`, 1);
      if (found) throw new ValidationError(`${found.field}: ${found.message}`, { field: found.field });
    }
    const found = valueProblem(req.body, 'body', 0);
    if (found) {
      const field = found.field === 'body' ? 'body' : found.field.slice('body.'.length, 'body.'.length + 200);
      throw new ValidationError(`${field}: ${found.message}`, { field });
    }
    next();
  };
}
