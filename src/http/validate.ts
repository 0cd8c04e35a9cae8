import { Ajv, type JSONSchemaType, type Schema } from 'ajv';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';
import { ValidationError } from '../errors/index.js';

const ajv = new Ajv({ allErrors: true, coerceTypes: false, useDefaults: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const queryAjv = new Ajv({ allErrors: true, coerceTypes: true });
(addFormats as unknown as (a: Ajv) => void)(queryAjv);

function check(validator: ReturnType<Ajv['compile']>, value: unknown, where: 'body' | 'query') {
  if (validator(value)) return;
  const fields = validator.errors!.map((e) => {
    const path = (e.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    const field = e.keyword === 'required' ? [path, (e.params as { missingProperty: string }).missingProperty].filter(Boolean).join('.') : path;
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
    return { field: field || where, message: `${e.message}${extra}` };
  });
  throw new ValidationError(`invalid ${where}: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields });
}

/** Rejects a request whose JSON body does not match `schema` with a 400 naming each field. */
export function validBody<T>(schema: JSONSchemaType<T> | Schema) {
  const validator = ajv.compile(schema);
  return function validateBody(req: Request, _res: Response, next: NextFunction) {
    // Express 5 leaves the body undefined when none was sent; handlers see an empty object.
    req.body ??= {};
    check(validator, req.body, 'body');
    next();
  };
}

/** Same for the query string; numbers and booleans are coerced. */
export function validQuery(schema: Schema) {
  const validator = queryAjv.compile(schema);
  return function validateQuery(req: Request, _res: Response, next: NextFunction) {
    const query = { ...req.query };
    check(validator, query, 'query');
    // Handlers see the coerced values (amount=2 a number, overdue=true a boolean).
    Object.defineProperty(req, 'query', { value: query, enumerable: true });
    next();
  };
}
