import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { Viewer } from '../accounts/sessions.ts';
import { requireConnection } from '../connections/connection-access.ts';
import type { Db } from '../core/database/database.ts';
import { bookingPages, connections } from '../core/database/schema.ts';
import { sqlState, uniqueViolation } from '../core/database/postgres-errors.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import type { BookingPageInput, BookingPagePatch } from './booking-page-input.ts';
import { hoursProblems, type DateOverride, type WeeklyHours } from './availability/availability-rules.ts';
import { publishProblem, type PageConnection } from './publish-check.ts';
import type { MeetingOptions } from './video-provider.ts';

export type StoredBookingPage = typeof bookingPages.$inferSelect;

/** A booking page as its host sees it. */
export function bookingPageView(page: StoredBookingPage, connection: PageConnection | undefined, publicUrl: string) {
  return {
    id: page.id,
    slug: page.slug,
    title: page.title,
    description: page.description,
    durationMinutes: page.durationMinutes,
    connectionId: page.connectionId,
    connection: connection ? { id: connection.id, name: connection.name, status: connection.status, zoomEmail: connection.zoomEmail } : null,
    timeZone: page.timeZone,
    // Stored as validated by booking-page-input.ts; the jsonb columns do not carry their shape.
    weeklyHours: page.weeklyHours as WeeklyHours,
    dateOverrides: page.dateOverrides as DateOverride[],
    bufferBeforeMinutes: page.bufferBeforeMinutes,
    bufferAfterMinutes: page.bufferAfterMinutes,
    minimumNoticeMinutes: page.minimumNoticeMinutes,
    horizonDays: page.horizonDays,
    dailyCap: page.dailyCap,
    zoomSettings: page.zoomSettings as MeetingOptions,
    published: page.published,
    publishProblem: publishProblem(connection),
    bookingUrl: `${publicUrl}/book/${page.slug}`,
    createdAt: page.createdAt.toISOString(),
    updatedAt: page.updatedAt.toISOString(),
  };
}
export type BookingPageView = ReturnType<typeof bookingPageView>;

export async function loadPageConnection(db: Db, connectionId: string | null): Promise<PageConnection | undefined> {
  if (!connectionId) return undefined;
  const [row] = await db.select().from(connections).where(eq(connections.id, connectionId));
  return row ? { id: row.id, name: row.name, status: row.status, folderId: row.folderId, scopes: row.scopes, zoomEmail: row.zoomEmail } : undefined;
}

/** The connection a host may book through: one they may use (their own, or shared with their folder). */
async function usableConnection(db: Db, viewer: Viewer, connectionId: string | null): Promise<PageConnection | undefined> {
  if (!connectionId) return undefined;
  await requireConnection(db, viewer, connectionId, 'use');
  return loadPageConnection(db, connectionId);
}

function checkHours(input: Pick<BookingPageInput, 'weeklyHours' | 'dateOverrides'>): void {
  const problems = hoursProblems(input);
  if (problems.length > 0) throw new ConferError('VALIDATION_FAILED', `The page’s hours are not valid: ${problems[0]!.message}`, { errors: problems });
}

function checkPublishable(published: boolean, connection: PageConnection | undefined): void {
  const problem = published ? publishProblem(connection) : null;
  if (problem) throw new ConferError('BOOKING_PAGE_NOT_PUBLISHABLE', `${problem.message} Save the page unpublished, or fix the connection first.`);
}

async function requireFreeSlug(db: Db, slug: string, exceptPageId?: string): Promise<void> {
  const [taken] = await db.select({ id: bookingPages.id }).from(bookingPages)
    .where(and(eq(bookingPages.slug, slug), isNull(bookingPages.deletedAt), exceptPageId ? ne(bookingPages.id, exceptPageId) : undefined));
  if (taken) throw new ConferError('BOOKING_PAGE_SLUG_TAKEN', `The URL /book/${slug} is already used by another booking page. Choose another slug.`);
}

/** Slug races end at the unique index; its violation reads like the check above. */
function slugRace(error: unknown, slug: string): never {
  if (sqlState(error) === uniqueViolation) {
    throw new ConferError('BOOKING_PAGE_SLUG_TAKEN', `The URL /book/${slug} is already used by another booking page. Choose another slug.`, { cause: error });
  }
  throw error;
}

export async function createBookingPage(db: Db, viewer: Viewer, input: BookingPageInput, publicUrl: string): Promise<BookingPageView> {
  checkHours(input);
  const connection = await usableConnection(db, viewer, input.connectionId);
  checkPublishable(input.published, connection);
  await requireFreeSlug(db, input.slug);
  const [page] = await db.insert(bookingPages).values({ ...input, hostUserId: viewer.userId }).returning().catch((error: unknown) => slugRace(error, input.slug));
  return bookingPageView(page!, connection, publicUrl);
}

/** One of the viewer's own pages; others' pages do not exist for them. */
export async function requireOwnPage(db: Db, viewer: Viewer, pageId: string): Promise<StoredBookingPage> {
  const [page] = await db.select().from(bookingPages)
    .where(and(eq(bookingPages.id, pageId), eq(bookingPages.hostUserId, viewer.userId), isNull(bookingPages.deletedAt)));
  if (!page) throw new ConferError('NOT_FOUND', 'No such booking page.');
  return page;
}

export async function updateBookingPage(db: Db, viewer: Viewer, pageId: string, patch: BookingPagePatch, publicUrl: string): Promise<BookingPageView> {
  const page = await requireOwnPage(db, viewer, pageId);
  const next = { ...page, ...patch };
  checkHours(next as Pick<BookingPageInput, 'weeklyHours' | 'dateOverrides'>);
  const connection = patch.connectionId !== undefined && patch.connectionId !== page.connectionId
    ? await usableConnection(db, viewer, patch.connectionId)
    : await loadPageConnection(db, next.connectionId);
  // Republishing, or moving a published page to another connection, needs a connection that works.
  if (patch.published === true || (next.published && patch.connectionId !== undefined)) checkPublishable(true, connection);
  if (patch.slug && patch.slug !== page.slug) await requireFreeSlug(db, patch.slug, page.id);
  const [updated] = await db.update(bookingPages).set({ ...patch, updatedAt: new Date() }).where(eq(bookingPages.id, page.id)).returning()
    .catch((error: unknown) => slugRace(error, patch.slug ?? page.slug));
  return bookingPageView(updated!, connection, publicUrl);
}

/** Deleting keeps the page's bookings (and their history) and frees the slug. */
export async function deleteBookingPage(db: Db, viewer: Viewer, pageId: string): Promise<void> {
  const page = await requireOwnPage(db, viewer, pageId);
  await db.update(bookingPages).set({ deletedAt: new Date(), published: false, updatedAt: new Date() }).where(eq(bookingPages.id, page.id));
}

export async function listBookingPages(db: Db, viewer: Viewer, publicUrl: string): Promise<BookingPageView[]> {
  const pages = await db.select().from(bookingPages)
    .where(and(eq(bookingPages.hostUserId, viewer.userId), isNull(bookingPages.deletedAt)))
    .orderBy(asc(bookingPages.createdAt));
  const cache = new Map<string, PageConnection | undefined>();
  const views: BookingPageView[] = [];
  for (const page of pages) {
    const key = page.connectionId ?? '';
    if (!cache.has(key)) cache.set(key, await loadPageConnection(db, page.connectionId));
    views.push(bookingPageView(page, cache.get(key), publicUrl));
  }
  return views;
}
