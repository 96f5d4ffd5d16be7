/** OS error texts in the Linux/Rust `io::Error` form (stdlib §0.5), from Node/Bun errors. */

/** strerror texts for the errno values file and socket calls report. */
const TEXTS: Record<string, [number, string]> = {
  EPERM: [1, "Operation not permitted"],
  ENOENT: [2, "No such file or directory"],
  EIO: [5, "Input/output error"],
  EBADF: [9, "Bad file descriptor"],
  EAGAIN: [11, "Resource temporarily unavailable"],
  ENOMEM: [12, "Cannot allocate memory"],
  EACCES: [13, "Permission denied"],
  EBUSY: [16, "Device or resource busy"],
  EEXIST: [17, "File exists"],
  EXDEV: [18, "Invalid cross-device link"],
  ENOTDIR: [20, "Not a directory"],
  EISDIR: [21, "Is a directory"],
  EINVAL: [22, "Invalid argument"],
  EMFILE: [24, "Too many open files"],
  ETXTBSY: [26, "Text file busy"],
  EFBIG: [27, "File too large"],
  ENOSPC: [28, "No space left on device"],
  EROFS: [30, "Read-only file system"],
  EMLINK: [31, "Too many links"],
  EPIPE: [32, "Broken pipe"],
  ENAMETOOLONG: [36, "File name too long"],
  ENOTEMPTY: [39, "Directory not empty"],
  ELOOP: [40, "Too many levels of symbolic links"],
  EADDRINUSE: [98, "Address already in use"],
  ENETUNREACH: [101, "Network is unreachable"],
  ECONNRESET: [104, "Connection reset by peer"],
  ETIMEDOUT: [110, "Connection timed out"],
  ECONNREFUSED: [111, "Connection refused"],
  EHOSTUNREACH: [113, "No route to host"],
};

/** `No such file or directory (os error 2)` for an error carrying a Node errno `code`. */
export function osErrorText(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === "string" && code in TEXTS) {
    const [n, text] = TEXTS[code]!;
    return `${text} (os error ${n})`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** An error object with `code` set, for failures detected before the syscall. */
export function osError(code: keyof typeof TEXTS): Error {
  return Object.assign(new Error(code), { code });
}
