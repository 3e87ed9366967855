import { t } from '@fieldgram/bot-ui';
import type { FileKind, FilesRule, WizardFile, WizardText } from './definition.js';

/** What became of the files one message (or album) brought to a files step. */
export interface CollectedFiles {
  /** The step's files now: those kept before, then the new ones taken. */
  files: WizardFile[];
  /** Kinds not allowed here that were sent (a sticker, a voice note), each once. */
  wrongKinds: FileKind[];
  /** How many were over the size limit. */
  tooBig: number;
  /** How many did not fit under the maximum. */
  overMax: number;
}

/**
 * Adds the files of one message or album to a files step's: of an allowed kind, within the size
 * limit (a file whose size Telegram did not say is taken), up to the maximum. A file already
 * attached (the same Telegram file, e.g. a redelivered update) is not attached twice. Pure.
 */
export function collectFiles(
  rule: FilesRule,
  kept: readonly WizardFile[],
  incoming: readonly WizardFile[],
): CollectedFiles {
  const files = [...kept];
  const seen = new Set(kept.map((file) => file.fileUniqueId));
  const wrongKinds = new Set<FileKind>();
  let tooBig = 0;
  let overMax = 0;
  for (const file of incoming) {
    if (seen.has(file.fileUniqueId)) continue;
    if (!rule.kinds.includes(file.kind)) wrongKinds.add(file.kind);
    else if ((file.fileSize ?? 0) > rule.maxBytes) tooBig++;
    else if (files.length >= rule.max) overMax++;
    else {
      files.push(file);
      seen.add(file.fileUniqueId);
    }
  }
  return { files, wrongKinds: [...wrongKinds], tooBig, overMax };
}

/** What to tell the person about the files that were not attached, if any were not. */
export function refusedFilesText(rule: FilesRule, collected: CollectedFiles): WizardText | undefined {
  const { wrongKinds, tooBig, overMax } = collected;
  if (wrongKinds.length === 0 && tooBig === 0 && overMax === 0) return undefined;
  return (lang) => {
    const kinds = (list: readonly FileKind[]) =>
      list.map((kind) => t(lang, `wizard.media.kind.${kind}`)).join(', ');
    const lines = [
      ...(wrongKinds.length > 0
        ? [t(lang, 'wizard.media.kindRefused', { kinds: kinds(wrongKinds), allowed: kinds(rule.kinds) })]
        : []),
      ...(tooBig > 0
        ? [t(lang, 'wizard.media.tooBig', { count: tooBig, mb: Math.floor(rule.maxBytes / 2 ** 20) })]
        : []),
      ...(overMax > 0 ? [t(lang, 'wizard.media.tooMany', { max: rule.max, count: overMax })] : []),
    ];
    return lines.join('\n');
  };
}

/** A files step's answer as kept in the session; anything else is no files. */
export function filesOf(value: unknown): WizardFile[] {
  return Array.isArray(value) ? value.filter(isWizardFile) : [];
}

export function isWizardFile(value: unknown): value is WizardFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Record<string, unknown>;
  return (
    typeof file.kind === 'string' && typeof file.fileId === 'string' && typeof file.fileUniqueId === 'string'
  );
}
