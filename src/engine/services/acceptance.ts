import type { GatewayClient } from '../../gateway/index.js';
import type { Store } from '../../store/index.js';
import { dateTimeText } from '../../documents/format.js';
import type { ServiceHandler } from './index.js';

/**
 * `gateway.notifyAcceptance`: a portal request is answered in the personal account with the
 * status of its acceptance and the date and time the result will be ready (seed 000 para 5;
 * seed 004 para 13; seed 001 para 7). The ready time is the case's statutory due instant. The
 * service is named by `serviceName` `{ kk, ru }` (e.g. an input parameter), housing assistance
 * when there is none. Writes `acceptance`
 * ({ status, acceptedAt, resultReadyAt, notification }), which GET /api/instances/:id shows
 * among the variables: what the citizen was told, and when.
 */
export function acceptanceServices(gateway: GatewayClient, store: Store): Record<string, ServiceHandler> {
  return {
    /**
     * `case.acceptance`: writes `acceptedAt`, the instant the case is accepted — its registration
     * (the next working day's opening for one filed after hours, on a weekend or a holiday), so a
     * timer can hold a fully automated case until then (seed 003 row 7(2): accepted and its result
     * issued on the next working day).
     */
    'case.acceptance': async (input) => {
      const instance = (await store.instances.get(input.instanceId))!;
      return { acceptedAt: instance.registeredAt ?? instance.startedAt };
    },

    'gateway.notifyAcceptance': async (input) => {
      const iin = input.variables.iin;
      if (typeof iin !== 'string') throw new Error('the process has no variable "iin" to notify');
      const instance = (await store.instances.get(input.instanceId))!;
      const caseNumber = input.businessKey ?? input.instanceId;
      const acceptedAt = instance.registeredAt ?? instance.startedAt;
      const ready = instance.dueAt ? dateTimeText(instance.dueAt) : null;
      const named = input.variables.serviceName as { kk?: unknown; ru?: unknown } | null | undefined;
      const service = typeof named?.kk === 'string' && typeof named.ru === 'string' ? { kk: named.kk, ru: named.ru } : { kk: '«Тұрғын үй көмегін тағайындау»', ru: '«Назначение жилищной помощи»' };
      const text =
        `${service.kk} мемлекеттік көрсетілетін қызметке сұрау салуыңыз қабылданды (іс № ${caseNumber}, ${dateTimeText(acceptedAt)}).` +
        (ready ? ` Нәтижені алу күні мен уақыты: ${ready}.` : '') +
        ` Ваш запрос на оказание государственной услуги ${service.ru} принят (дело № ${caseNumber}, ${dateTimeText(acceptedAt)}).` +
        (ready ? ` Дата и время получения результата: ${ready}.` : '');
      const delivery = await gateway.notifyAccount({ iin, text, idempotencyKey: input.idempotencyKey });
      return { acceptance: { status: 'accepted', acceptedAt, resultReadyAt: instance.dueAt, notification: delivery.deliveryId } };
    },
  };
}
