import { Router } from 'express';
import { declaresDmn, type Decisions, type Definitions, type LintFinding } from '../../engine/index.js';
import { actorOf } from '../actor.js';
import { validBody } from '../validate.js';
import { requirePermission } from '../auth.js';

export const deploymentSchema = {
  type: 'object',
  required: ['name', 'xml'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 255 },
    xml: { type: 'string', minLength: 1, description: 'a BPMN 2.0 file, or a DMN file (1.1 to 1.5, read as DMN 1.3)' },
    effectiveFrom: { type: 'string', minLength: 10, description: 'ISO date (Almaty midnight) or instant from which new instances use this version' },
  },
} as const;

export const validationSchema = { type: 'object', required: ['xml'], additionalProperties: false, properties: { xml: { type: 'string', minLength: 1 } } } as const;

/** BPMN and DMN files go through the same route; the namespace the file declares tells which. */
export function deploymentsRouter(definitions: Definitions, decisions: Decisions): Router {
  return Router()
    .post('/deployments', requirePermission('definitions.deploy'), validBody(deploymentSchema), async (req, res) => {
      if (declaresDmn(req.body.xml)) {
        const deployed = await decisions.deploy({ ...req.body, deployedBy: actorOf(req) });
        res.status(deployed.some((d) => d.created) ? 201 : 200).json({ definitions: [], decisions: deployed, warnings: [] });
        return;
      }
      let warnings: LintFinding[] = [];
      const deployed = await definitions.deploy({ ...req.body, deployedBy: actorOf(req) }, (found) => (warnings = found));
      res.status(deployed.some((d) => d.created) ? 201 : 200).json({ definitions: deployed, warnings });
    })
    .post('/deployments/validate', requirePermission('definitions.deploy'), validBody(validationSchema), async (req, res) => {
      if (declaresDmn(req.body.xml)) {
        res.json({ processes: [], decisions: await decisions.validate(req.body.xml), warnings: [] });
        return;
      }
      res.json(await definitions.validate(req.body.xml));
    });
}
