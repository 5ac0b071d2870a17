/** `/api/ivrs` (seed 01): receptionists, a minimal menu (docs/receptionists.md). POST updates. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Core } from '../../../core/index.js';
import { ReceptionistNotFound } from '../../../core/receptionists/errors.js';
import { decodeSeedId, encodeSeedId } from '../../../core/receptionists/seed-id.js';
import type { Receptionist, ReceptionistInput } from '../../../core/receptionists/types.js';
import { seedDatetime } from '../../../core/shared/seed-time.js';
import { tenantOf } from '../../plugins/authenticate.js';
import {
  ListQuery,
  NewReceptionistBody,
  ReceptionistChangesBody,
  ReceptionistParams,
  ReceptionistView,
} from '../schemas.js';

const tags = ['receptionists'];

export function formatReceptionist(receptionist: Receptionist) {
  return {
    id: encodeSeedId(receptionist.id),
    name: receptionist.name,
    greeting: { ...receptionist.greeting },
    options: { ...receptionist.options },
    timeout: receptionist.timeoutS,
    max_repeats: receptionist.maxRepeats,
    created_at: seedDatetime(receptionist.createdAt),
    updated_at: seedDatetime(receptionist.updatedAt),
  };
}

/** The stored id a path names; an id that decodes to none names no receptionist (404). */
export function receptionistIdOf(text: string): string {
  const id = decodeSeedId(text);
  if (id === null) throw ReceptionistNotFound();
  return id;
}

interface ReceptionistBody {
  name?: string;
  greeting?: ReceptionistInput['greeting'];
  options?: Record<string, string>;
  timeout?: number;
  max_repeats?: number;
}

function inputOf(body: ReceptionistBody): ReceptionistInput {
  return {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.greeting === undefined ? {} : { greeting: body.greeting }),
    ...(body.options === undefined ? {} : { options: body.options }),
    ...(body.timeout === undefined ? {} : { timeoutS: body.timeout }),
    ...(body.max_repeats === undefined ? {} : { maxRepeats: body.max_repeats }),
  };
}

export function receptionistRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/ivrs',
      {
        schema: {
          tags,
          summary: 'List virtual receptionists, oldest first',
          querystring: ListQuery,
          response: { 200: Type.Array(ReceptionistView) },
        },
      },
      async (request) => {
        const list = await core.receptionists.list(tenantOf(request).tenant, {
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        });
        return list.map(formatReceptionist);
      },
    );

    app.post(
      '/ivrs',
      {
        schema: {
          tags,
          summary: 'Create a virtual receptionist',
          body: NewReceptionistBody,
          response: { 201: ReceptionistView },
        },
      },
      async (request, reply) => {
        const created = await core.receptionists.create(tenantOf(request).tenant, {
          ...inputOf(request.body),
          name: request.body.name,
        });
        const view = formatReceptionist(created);
        return reply.code(201).header('location', `/api/ivrs/${view.id}`).send(view);
      },
    );

    app.get(
      '/ivrs/:id',
      {
        schema: {
          tags,
          summary: 'Retrieve a virtual receptionist',
          params: ReceptionistParams,
          response: { 200: ReceptionistView },
        },
      },
      async (request) =>
        formatReceptionist(
          await core.receptionists.get(tenantOf(request).tenant, receptionistIdOf(request.params.id)),
        ),
    );

    app.post(
      '/ivrs/:id',
      {
        schema: {
          tags,
          summary: 'Update a virtual receptionist (what is given changes); 200, no content',
          params: ReceptionistParams,
          body: ReceptionistChangesBody,
        },
      },
      async (request, reply) => {
        await core.receptionists.update(
          tenantOf(request).tenant,
          receptionistIdOf(request.params.id),
          inputOf(request.body),
        );
        return reply.code(200).send();
      },
    );

    app.delete(
      '/ivrs/:id',
      {
        schema: {
          tags,
          summary: 'Delete a virtual receptionist and its action urls; a number routed to it is unrouted',
          params: ReceptionistParams,
        },
      },
      async (request, reply) => {
        await core.receptionists.delete(tenantOf(request).tenant, receptionistIdOf(request.params.id));
        return reply.code(204).send();
      },
    );
  };
}
