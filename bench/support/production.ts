// Imported first: React picks its development or production build when it is
// first loaded, and a benchmark of the development build measures nothing an
// operator runs.
process.env.NODE_ENV ??= 'production';
