import { randomUUID } from 'node:crypto';
import { desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { reachesPersonal, requirePersonalReach } from '../accounts/api-key-reach.ts';
import { folderRoleOf, requireFolderRole } from '../accounts/folder-access.ts';
import { listFolders } from '../accounts/folders.ts';
import type { Viewer } from '../accounts/sessions.ts';
import { seal } from '../core/crypto/envelope.ts';
import type { Db } from '../core/database/database.ts';
import { users, webhookDeliveries, webhookSubscriptions, type WebhookDeliveryStatus } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { checkSubscriptionUrl } from './subscription-url.ts';
import type { WebhookEventType } from './webhook-events.ts';
import { generateWebhookSecret, secretContext } from './webhook-signature.ts';
import type { WebhooksRuntime } from './webhooks-runtime.ts';

export type StoredSubscription = typeof webhookSubscriptions.$inferSelect;

/** A subscription as its managers see it: never its secret, which only creating and rotating return. */
export interface WebhookSubscriptionView {
  id: string;
  kind: 'user' | 'folder';
  ownerUserId: string | null;
  folderId: string | null;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  secretRotatedAt: string | null;
  lastDelivery: { status: WebhookDeliveryStatus; createdAt: string } | null;
}

export interface SubscriptionInput {
  url: string;
  events: WebhookEventType[];
  /** A folder's subscription (its admins manage it); left out, the viewer's own. */
  folderId?: string | undefined;
  description?: string | undefined;
}

export interface SubscriptionChange {
  url?: string | undefined;
  events?: WebhookEventType[] | undefined;
  active?: boolean | undefined;
  description?: string | undefined;
}

const notFound = () => new ConferError('NOT_FOUND', 'No such webhook subscription.');

/** Views of `rows`, each with its creator's name and its newest delivery's outcome. */
async function viewsOf(db: Db, rows: StoredSubscription[]): Promise<WebhookSubscriptionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const creatorIds = [...new Set(rows.flatMap((row) => (row.createdBy ? [row.createdBy] : [])))];
  const [creators, latest] = await Promise.all([
    creatorIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, creatorIds)) : [],
    db.selectDistinctOn([webhookDeliveries.subscriptionId], { subscriptionId: webhookDeliveries.subscriptionId, status: webhookDeliveries.status, createdAt: webhookDeliveries.createdAt })
      .from(webhookDeliveries).where(inArray(webhookDeliveries.subscriptionId, ids))
      .orderBy(webhookDeliveries.subscriptionId, desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)),
  ]);
  return rows.map((row) => {
    const creator = creators.find((user) => user.id === row.createdBy);
    const last = latest.find((delivery) => delivery.subscriptionId === row.id);
    return {
      id: row.id,
      kind: row.folderId ? 'folder' : 'user',
      ownerUserId: row.ownerUserId,
      folderId: row.folderId,
      url: row.url,
      events: row.events,
      description: row.description,
      active: row.active,
      createdBy: creator ? { id: creator.id, name: creator.name } : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      secretRotatedAt: row.secretRotatedAt?.toISOString() ?? null,
      lastDelivery: last ? { status: last.status, createdAt: last.createdAt.toISOString() } : null,
    };
  });
}

/**
 * The subscriptions the viewer may manage: their own (when an API key reaches their personal
 * things) and those of every folder they administer that the key reaches. Another user's personal
 * subscription is theirs alone, workspace admins included: it carries that user's bookings.
 */
export async function listSubscriptions(db: Db, viewer: Viewer): Promise<WebhookSubscriptionView[]> {
  const administered = (await listFolders(db, viewer)).filter((folder) => folder.role === 'folder_admin').map((folder) => folder.id);
  const reach: SQL[] = [];
  if (reachesPersonal(viewer)) reach.push(eq(webhookSubscriptions.ownerUserId, viewer.userId));
  if (administered.length) reach.push(inArray(webhookSubscriptions.folderId, administered));
  if (reach.length === 0) return [];
  const rows = await db.select().from(webhookSubscriptions).where(or(...reach)).orderBy(desc(webhookSubscriptions.createdAt), desc(webhookSubscriptions.id));
  return viewsOf(db, rows);
}

/**
 * A subscription the viewer may manage. Someone else's, or a folder's the viewer cannot see, does
 * not exist for them (NOT_FOUND); a folder's seen by a member who is not its admin is FORBIDDEN.
 */
export async function requireManagedSubscription(db: Db, viewer: Viewer, id: string): Promise<StoredSubscription> {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!row) throw notFound();
  if (row.ownerUserId) {
    if (row.ownerUserId !== viewer.userId || !reachesPersonal(viewer)) throw notFound();
    return row;
  }
  const role = await folderRoleOf(db, viewer, row.folderId!);
  if (!role) throw notFound();
  if (role !== 'folder_admin') throw new ConferError('FORBIDDEN', 'Only the folder’s admins can manage its webhook subscriptions.');
  return row;
}

/** How the API shows one subscription. */
export async function subscriptionView(db: Db, row: StoredSubscription): Promise<WebhookSubscriptionView> {
  return (await viewsOf(db, [row]))[0]!;
}

/** Creates a subscription and returns its signing secret, this once (it is stored sealed). */
export async function createSubscription(runtime: WebhooksRuntime, viewer: Viewer, input: SubscriptionInput): Promise<{ subscription: WebhookSubscriptionView; secret: string }> {
  const { db } = runtime.services.database;
  if (input.folderId) await requireFolderRole(db, viewer, input.folderId, 'folder_admin');
  else requirePersonalReach(viewer);
  const url = await checkSubscriptionUrl(runtime.policy, input.url);
  // The id is chosen here because the sealed secret is bound to its row.
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const [row] = await db.insert(webhookSubscriptions).values({
    id,
    ownerUserId: input.folderId ? null : viewer.userId,
    folderId: input.folderId ?? null,
    url,
    events: [...new Set(input.events)],
    secretSealed: seal(runtime.services.keyRing, secret, secretContext(id)),
    description: input.description?.trim() ?? '',
    createdBy: viewer.userId,
  }).returning();
  return { subscription: await subscriptionView(db, row!), secret };
}

/** Changes what a subscription receives, where it goes, or whether it sends at all. */
export async function updateSubscription(runtime: WebhooksRuntime, viewer: Viewer, id: string, change: SubscriptionChange): Promise<WebhookSubscriptionView> {
  const { db } = runtime.services.database;
  await requireManagedSubscription(db, viewer, id);
  const url = change.url === undefined ? undefined : await checkSubscriptionUrl(runtime.policy, change.url);
  const [row] = await db.update(webhookSubscriptions).set({
    ...(url === undefined ? {} : { url }),
    ...(change.events === undefined ? {} : { events: [...new Set(change.events)] }),
    ...(change.active === undefined ? {} : { active: change.active }),
    ...(change.description === undefined ? {} : { description: change.description.trim() }),
    updatedAt: new Date(),
  }).where(eq(webhookSubscriptions.id, id)).returning();
  return subscriptionView(db, row!);
}

/** Deletes a subscription and its delivery log; deliveries still waiting are not sent. */
export async function deleteSubscription(db: Db, viewer: Viewer, id: string): Promise<void> {
  await requireManagedSubscription(db, viewer, id);
  await db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
}

/**
 * Replaces the signing secret at once and returns the new one, this once. Attempts from now on,
 * retries of earlier events included, are signed with it.
 */
export async function rotateSubscriptionSecret(runtime: WebhooksRuntime, viewer: Viewer, id: string): Promise<{ subscription: WebhookSubscriptionView; secret: string }> {
  const { db } = runtime.services.database;
  await requireManagedSubscription(db, viewer, id);
  const secret = generateWebhookSecret();
  const [row] = await db.update(webhookSubscriptions)
    .set({ secretSealed: seal(runtime.services.keyRing, secret, secretContext(id)), secretRotatedAt: sql`now()`, updatedAt: new Date() })
    .where(eq(webhookSubscriptions.id, id)).returning();
  return { subscription: await subscriptionView(db, row!), secret };
}
