/** Seed 02's request and response bodies. The script itself is checked by the scenario compiler. */
import { Type } from 'typebox';

const Script = Type.Array(Type.Unknown(), {
  description: 'The IVR actions, in order (see the scenario language documentation)',
});

export const ScenarioBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255, description: 'The name of the IVR scenario' }),
    description: Type.Optional(
      Type.String({ maxLength: 1024, description: 'Description of the IVR scenario' }),
    ),
    script: Script,
    onHangup: Type.Optional(
      Type.Array(Type.Unknown(), { description: 'Actions run once after the call ends' }),
    ),
    variables: Type.Optional(
      Type.Record(Type.String(), Type.String({ maxLength: 4096 }), {
        description: 'Initial values, overridden by launch parameters',
      }),
    ),
    record: Type.Optional(
      Type.Boolean({ description: 'Record the whole call from answer (add-on recording)' }),
    ),
    notifyUrl: Type.Optional(
      Type.String({ format: 'uri', maxLength: 2048, description: 'Where reports of inbound calls go' }),
    ),
    notifyContentType: Type.Optional(Type.Enum(['application/json', 'application/xml'])),
  },
  { additionalProperties: false },
);

const Warning = Type.Object({ code: Type.String(), path: Type.String(), message: Type.String() });

export const ScenarioView = Type.Object({
  id: Type.String({ description: '32 upper-case hex characters' }),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  createTime: Type.String({ description: 'Like 2023-09-14T15:13:36.735+0000' }),
  updateTime: Type.String(),
  lastUsageDate: Type.Union([Type.String({ description: 'yyyy-MM-dd' }), Type.Null()]),
  script: Script,
  onHangup: Type.Optional(Type.Array(Type.Unknown())),
  variables: Type.Optional(Type.Record(Type.String(), Type.String())),
  record: Type.Optional(Type.Boolean()),
  notifyUrl: Type.Optional(Type.String()),
  notifyContentType: Type.Optional(Type.String()),
  warnings: Type.Optional(Type.Array(Warning)),
});

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

export const ListQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: 'Page number, from 1' })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
    name: Type.Optional(Type.String({ maxLength: 255, description: 'Case-insensitive part of the name' })),
    lastUsageDateSince: Type.Optional(Type.String({ pattern: DATE, description: 'yyyy-MM-dd' })),
    lastUsageDateUntil: Type.Optional(Type.String({ pattern: DATE, description: 'yyyy-MM-dd' })),
    label: Type.Optional(Type.String({ description: 'Accepted and ignored' })),
  },
  { additionalProperties: false },
);

export const ScenarioIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
