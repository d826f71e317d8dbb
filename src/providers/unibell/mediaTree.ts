// The media library as a tree per personal account: folders and files, listed in creation order.
// Another account's ids are indistinguishable from unknown ones.
import { derivedFrom } from '../../core/derived.js';
import type { SimContext } from '../../core/context.js';
import { formatMsk } from './dates.js';
import { invalidData } from './errors.js';
import type { MediaItemView } from './schemas.js';
import { childKey, mediaKey, type MediaItem, type UnibellSlice } from './store.js';
import { own } from '../../core/own.js';

export const view = (m: MediaItem): MediaItemView => ({
  id: m.id,
  name: m.name,
  createdDateTime: formatMsk(m.createdAt),
  isFolder: m.isFolder ? 1 : 0,
});

interface Usage {
  objects: number;
  bytes: number;
}

/** Each account's media objects and bytes. */
function usageByAccount(media: Record<string, MediaItem>): Map<string, Usage> {
  const byAccount = new Map<string, Usage>();
  for (const m of Object.values(media)) {
    let u = byAccount.get(m.account);
    if (!u) byAccount.set(m.account, (u = { objects: 0, bytes: 0 }));
    u.objects++;
    u.bytes += m.size ?? 0;
  }
  return byAccount;
}

export function createMediaTree(ctx: SimContext, slice: UnibellSlice) {
  // Derived from the media table on first use (a data file or a reset brings a new table, and so a new count).
  const usages = derivedFrom(usageByAccount);
  const usageOf = (media: Record<string, MediaItem>, account: string): Usage => {
    const byAccount = usages(media);
    let u = byAccount.get(account);
    if (!u) byAccount.set(account, (u = { objects: 0, bytes: 0 }));
    return u;
  };
  const { mediaQuotaFiles, mediaQuotaBytes } = ctx.config;

  /** Per personal account quotas (`--media-quota-files`, `--media-quota-bytes`): without them an upload loop grows memory or disk without end. */
  const checkQuota = (account: string, size: number) => {
    const u = usageOf(slice.state.media, account);
    if (u.objects + 1 > mediaQuotaFiles) {
      throw invalidData(`Media quota exceeded: the personal account already holds ${u.objects} of ${mediaQuotaFiles} media files and folders (--media-quota-files)`);
    }
    if (u.bytes + size > mediaQuotaBytes) {
      throw invalidData(`Media quota exceeded: ${u.bytes} of ${mediaQuotaBytes} bytes are used and the file has ${size} (--media-quota-bytes)`);
    }
  };

  const find = (account: string, id: number): MediaItem | undefined => {
    const m = slice.state.media[id];
    return m && m.account === account ? m : undefined;
  };

  const mustFind = (account: string, rawId: string): MediaItem => {
    const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : NaN;
    const m = Number.isNaN(id) ? undefined : find(account, id);
    if (!m) throw invalidData(`No media object with id ${rawId.slice(0, 40)}`, 404);
    return m;
  };

  const folderOf = (account: string, rawId: string | undefined): number | null => {
    if (rawId === undefined) return null;
    const m = mustFind(account, rawId);
    if (!m.isFolder) throw invalidData(`Media object ${m.id} is a file, not a folder`);
    return m.id;
  };

  const add = (item: Omit<MediaItem, 'id' | 'createdAt'>): MediaItem => {
    checkQuota(item.account, item.size ?? 0);
    const s = slice.state;
    const u = usageOf(s.media, item.account);
    u.objects++;
    u.bytes += item.size ?? 0;
    const m: MediaItem = { ...item, id: s.nextMediaId++, createdAt: ctx.clock.now() };
    s.media[m.id] = m;
    (s.children[childKey(m.account, m.parentId)] ??= []).push(m.id);
    slice.changed(mediaKey(m.id));
    ctx.events.emit('record.created', { provider: 'unibell', kind: m.isFolder ? 'media-folder' : 'media-file', id: String(m.id), account: m.account, state: 'stored', at: m.createdAt });
    return m;
  };

  return {
    mustFind,
    folderOf,
    list(account: string, parentId: number | null): MediaItem[] {
      const s = slice.state;
      return (s.children[childKey(account, parentId)] ?? []).map((id) => s.media[id]).filter((m): m is MediaItem => m !== undefined);
    },
    createFolder: (account: string, parentId: number | null, name: string) => add({ account, parentId, name, isFolder: true }),
    addFile: (account: string, parentId: number | null, name: string, size: number, contentType: string | undefined) =>
      add({ account, parentId, name, isFolder: false, size, contentType }),
    rename(m: MediaItem, name: string): MediaItem {
      m.name = name;
      slice.changed(mediaKey(m.id));
      return m;
    },
    /** Removes the object and, for a folder, everything under it; returns the removed file ids. */
    remove(m: MediaItem): number[] {
      const s = slice.state;
      const siblings = s.children[childKey(m.account, m.parentId)];
      if (siblings) s.children[childKey(m.account, m.parentId)] = siblings.filter((id) => id !== m.id);
      const files: number[] = [];
      const stack = [m];
      while (stack.length > 0) {
        const item = stack.pop() as MediaItem;
        const u = usageOf(s.media, item.account);
        delete s.media[item.id];
        u.objects--;
        u.bytes -= item.size ?? 0;
        slice.changed(mediaKey(item.id));
        if (!item.isFolder) files.push(item.id);
        const key = childKey(item.account, item.id);
        for (const id of s.children[key] ?? []) if (s.media[id]) stack.push(s.media[id]);
        delete s.children[key];
        ctx.events.emit('record.state', { provider: 'unibell', kind: item.isFolder ? 'media-folder' : 'media-file', id: String(item.id), account: item.account, state: 'deleted', previous: 'stored', at: ctx.clock.now() });
      }
      return files;
    },
  };
}

export type MediaTree = ReturnType<typeof createMediaTree>;

const TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  flac: 'audio/flac',
  gsm: 'audio/x-gsm',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** The type a file is served with: by extension, else as uploaded, else octet-stream. */
export function contentTypeOf(m: MediaItem): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(m.name)?.[1]?.toLowerCase();
  const byExtension = ext && own(TYPES, ext);
  if (byExtension) return byExtension;
  if (m.contentType && /^[\w.+-]+\/[\w.+-]+/.test(m.contentType)) return m.contentType;
  return 'application/octet-stream';
}
