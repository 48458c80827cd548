// A deliberately plain check: one @, no spaces or control characters, a dot
// in the domain. Anything stranger is skipped with a reason rather than sent.
const ADDRESS = /^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]+@[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]+\.[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]+$/;

export function isDeliverableAddress(address: string | null | undefined): address is string {
  return typeof address === 'string' && address.length <= 254 && ADDRESS.test(address);
}

export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}
