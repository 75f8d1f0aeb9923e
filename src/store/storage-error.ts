// The error of a failed write of the data directory, and how a system error becomes one (507 when the disk is
// full, 500 otherwise).

import { tx } from "../i18n.js";
import { isErrorNamed, UsageError, type ErrorCopy, type Message, type ProblemCode, type Text } from "../errors.js";

/** A failed write of the data directory; `status` is the HTTP status the server answers with. */
export class StorageError extends UsageError {
  /** 507 when the disk or the quota is full (ENOSPC, EDQUOT), 500 otherwise. */
  readonly status: number;
  /** The system error code (ENOSPC, EIO, EFBIG…), when known. */
  readonly errno?: string;
  constructor(
    code: ProblemCode,
    message: Message,
    status: number,
    options: { hint?: Message; cause?: unknown; errno?: string },
  ) {
    super(code, message, options);
    this.name = "StorageError";
    this.status = status;
    if (options.errno !== undefined) this.errno = options.errno;
  }
}

/** True for a `StorageError`, or a plain copy of one (see `isErrorNamed`). */
export function isStorageError(e: unknown): e is ErrorCopy<StorageError> {
  return e instanceof StorageError || isErrorNamed(e, "StorageError");
}

export function storageError(message: Text, cause: unknown): StorageError {
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code;
  const full = errno === "ENOSPC" || errno === "EDQUOT";
  const reason = (cause as Error).message;
  return new StorageError(
    full ? "store/no-space" : "store/io",
    { en: `${message.en}: ${reason}`, fr: `${message.fr} : « ${reason} »` },
    full ? 507 : 500,
    {
      hint: full ? tx("store/no-space.hint") : tx("store/io.hint"),
      cause,
      ...(errno !== undefined ? { errno } : {}),
    },
  );
}
