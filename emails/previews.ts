// The preview data of the templates, apart from the template index (index.ts) that the notifier loads:
// what the preview server shows, `npm run email:export` writes and the tests check.
export { allPreviews, inLocale } from './_components/all-previews';
export { previewProps } from './_components/preview-payload';
