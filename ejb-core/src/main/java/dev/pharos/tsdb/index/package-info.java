/**
 * Postings and the block index: sorted int postings lists with intersection, union and
 * difference ({@link dev.pharos.tsdb.index.Postings}), matcher evaluation with fast paths for
 * literal regex sets and prefixes ({@link dev.pharos.tsdb.index.PostingsQuery},
 * {@link dev.pharos.tsdb.index.RegexShape}), the head's in-memory inverted index
 * ({@link dev.pharos.tsdb.index.MemPostings}) and the block index file
 * ({@link dev.pharos.tsdb.index.IndexWriter}, {@link dev.pharos.tsdb.index.IndexReader}), whose
 * byte layout is in {@code ../FORMAT.md} (section "Block index").
 */
package dev.pharos.tsdb.index;
