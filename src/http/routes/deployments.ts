import { Router } from 'express';
import type { Definitions, LintFinding } from '../../engine/index.js';
import { actorOf } from '../actor.js';
import { validBody } from '../validate.js';
import { requirePermission } from '../auth.js';

export const deploymentSchema = {
  type: 'object',
  required: ['name', 'xml'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 255 },
    xml: { type: 'string', minLength: 1 },
    effectiveFrom: { type: 'string', minLength: 10, description: 'ISO date (Almaty midnight) or instant from which new instances use this version' },
  },
} as const;

export const validationSchema = { type: 'object', required: ['xml'], additionalProperties: false, properties: { xml: { type: 'string', minLength: 1 } } } as const;

export function deploymentsRouter(definitions: Definitions): Router {
  return Router()
    .post('/deployments', requirePermission('definitions.deploy'), validBody(deploymentSchema), async (req, res) => {
      let warnings: LintFinding[] = [];
      const deployed = await definitions.deploy({ ...req.body, deployedBy: actorOf(req) }, (found) => (warnings = found));
      res.status(deployed.some((d) => d.created) ? 201 : 200).json({ definitions: deployed, warnings });
    })
    .post('/deployments/validate', requirePermission('definitions.deploy'), validBody(validationSchema), async (req, res) => {
      res.json(await definitions.validate(req.body.xml));
    });
}
