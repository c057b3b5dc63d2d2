/**
 * Block Kit limits as zod schemas (reference B4, `@slack/types` JSDoc). Anything that fails
 * here is what Slack refuses with `invalid_blocks`. Objects stay loose: Slack ignores
 * fields it does not check, and so do we.
 */
import { z } from 'zod';

const plainText = (max: number) => z.looseObject({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() });
const mrkdwn = (max: number) => z.looseObject({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max), verbatim: z.boolean().optional() });
const textObject = (max: number) => z.discriminatedUnion('type', [plainText(max), mrkdwn(max)]);

const BlockId = z.string().min(1).max(255);
const ActionId = z.string().min(1).max(255);

export const Confirm = z.looseObject({
  title: plainText(100),
  text: textObject(300),
  confirm: plainText(30),
  deny: plainText(30),
  style: z.enum(['primary', 'danger']).optional(),
});

export const ButtonElement = z.looseObject({
  type: z.literal('button'),
  text: plainText(75),
  action_id: ActionId.optional(),
  value: z.string().max(2000).optional(),
  url: z.string().max(3000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
  confirm: Confirm.optional(),
});

const ImageElement = z.looseObject({
  type: z.literal('image'),
  image_url: z.string().max(3000).optional(),
  slack_file: z.looseObject({}).optional(),
  alt_text: z.string().max(2000),
});

/** Interactive elements we do not check in depth: only their action_id. */
const otherInteractiveTypes = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'overflow',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'checkboxes',
  'radio_buttons',
  'plain_text_input',
  'workflow_button',
] as const;
const OtherInteractive = z.looseObject({ type: z.enum(otherInteractiveTypes), action_id: ActionId.optional() });

const ActionsElement = z.union([ButtonElement, OtherInteractive]);
const AccessoryElement = z.union([ButtonElement, ImageElement, OtherInteractive]);

const base = { block_id: BlockId.optional() };

const SectionBlock = z
  .looseObject({
    type: z.literal('section'),
    ...base,
    text: textObject(3000).optional(),
    fields: z.array(textObject(2000)).min(1).max(10).optional(),
    accessory: AccessoryElement.optional(),
  })
  .refine((b) => b.text !== undefined || b.fields !== undefined, { message: 'must provide either text or fields' });

export const Block = z.discriminatedUnion('type', [
  SectionBlock,
  z.looseObject({ type: z.literal('header'), ...base, text: plainText(150) }),
  z.looseObject({ type: z.literal('divider'), ...base }),
  z.looseObject({
    type: z.literal('context'),
    ...base,
    elements: z
      .array(z.union([textObject(3000), ImageElement]))
      .min(1)
      .max(10),
  }),
  z.looseObject({ type: z.literal('actions'), ...base, elements: z.array(ActionsElement).min(1).max(25) }),
  z.looseObject({
    type: z.literal('image'),
    ...base,
    image_url: z.string().max(3000).optional(),
    slack_file: z.looseObject({}).optional(),
    alt_text: z.string().max(2000),
    title: plainText(2000).optional(),
  }),
  z.looseObject({ type: z.literal('rich_text'), ...base, elements: z.array(z.looseObject({ type: z.string() })) }),
  z.looseObject({ type: z.literal('markdown'), ...base, text: z.string().min(1).max(12_000) }),
  z.looseObject({ type: z.literal('input'), ...base, label: plainText(2000), element: z.looseObject({ type: z.string() }) }),
  z.looseObject({ type: z.literal('file'), ...base, external_id: z.string(), source: z.string() }),
  z.looseObject({ type: z.literal('video'), ...base, alt_text: z.string(), title: plainText(200), video_url: z.string() }),
]);
export type Block = z.infer<typeof Block>;
