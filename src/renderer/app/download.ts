/** Offers `text` as a file download in the browser (a Blob link; Electron saves through its menu). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `order-approval.flow.json` for an exported file name or a workflow id. */
export function flowFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/(\.flow)?\.json$/i, '');
  return `${base}.flow.json`;
}
