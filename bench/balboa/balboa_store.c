// balboa_store: counts and compacts a balboa-rocksdb store offline, for
// bench/pdns_vs_balboa.sh. Not part of loupe; built by that script into its scratch
// directory (cc -O2 balboa_store.c -lrocksdb).
//
//   balboa_store DIR count     prints "keys SUM_OF_COUNTS inverted_keys": the observations
//                              balboa holds ('o' keys), the sum of their counts (one per
//                              observed answer), and its rdata->rrname index keys ('i')
//   balboa_store DIR compact   flushes and compacts the whole key range to the bottom level
//
// The store must be closed (balboa-rocksdb stopped). balboa-rocksdb 2.0.0 writes every
// observation as a RocksDB merge on the key "o\x1f rrname \x1f sensor \x1f rrtype \x1f rdata"
// with a 12-byte value (count, last_seen, first_seen as little-endian u32) plus a put of an
// empty value on "i\x1f rdata \x1f sensor \x1f rrname \x1f rrtype"
// (backend/balboa-rocksdb/rocksdb-impl.c upstream). Reading or compacting merge operands
// needs its merge operator, so this file repeats it (same name, same arithmetic: counts add,
// first_seen min, last_seen max) and opens the store with the options balboa-rocksdb sets
// (level-style compaction for its 128 MiB default memory budget, LZ4 on every level), so a
// compaction here produces what balboa's own background compaction would converge to.
#include <rocksdb/c.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kValueSize = 12 };

typedef struct {
  uint32_t count, last_seen, first_seen;
} Value;

static uint32_t ReadU32(const unsigned char* p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void WriteU32(unsigned char* p, uint32_t v) {
  p[0] = v;
  p[1] = v >> 8;
  p[2] = v >> 16;
  p[3] = v >> 24;
}

// Returns 0 and folds `buf` into `v`, or -1 if `buf` is not a balboa value.
static int Fold(Value* v, const char* buf, size_t len) {
  if (len < kValueSize) return -1;
  const unsigned char* p = (const unsigned char*)buf;
  v->count += ReadU32(p);
  uint32_t last = ReadU32(p + 4), first = ReadU32(p + 8);
  if (last > v->last_seen) v->last_seen = last;
  if (first < v->first_seen) v->first_seen = first;
  return 0;
}

static char* Encode(const Value* v, unsigned char* success, size_t* new_len) {
  unsigned char* buf = malloc(kValueSize);
  if (buf == NULL) {
    *success = 0;
    *new_len = 0;
    return NULL;
  }
  WriteU32(buf, v->count);
  WriteU32(buf + 4, v->last_seen);
  WriteU32(buf + 8, v->first_seen);
  *success = 1;
  *new_len = kValueSize;
  return (char*)buf;
}

static char* FullMerge(void* state, const char* key, size_t key_len, const char* existing,
                       size_t existing_len, const char* const* ops, const size_t* ops_len, int n,
                       unsigned char* success, size_t* new_len) {
  (void)state;
  (void)key_len;
  Value v = {0, 0, UINT32_MAX};
  // Like upstream: only observation keys carry a value worth keeping; a bad operand is
  // skipped rather than failing the compaction.
  if (key[0] == 'o' && existing != NULL) (void)Fold(&v, existing, existing_len);
  for (int i = 0; i < n; i++) (void)Fold(&v, ops[i], ops_len[i]);
  return Encode(&v, success, new_len);
}

static char* PartialMerge(void* state, const char* key, size_t key_len, const char* const* ops,
                          const size_t* ops_len, int n, unsigned char* success, size_t* new_len) {
  return FullMerge(state, key, key_len, NULL, 0, ops, ops_len, n, success, new_len);
}

static void DeleteValue(void* state, const char* value, size_t len) {
  (void)state;
  (void)len;
  free((void*)value);
}

static void Destroy(void* state) { (void)state; }

static const char* Name(void* state) {
  (void)state;
  return "observation-mergeop";
}

static void Die(const char* what, char* err) {
  fprintf(stderr, "balboa_store: %s: %s\n", what, err ? err : "failed");
  free(err);
  exit(1);
}

static void Count(rocksdb_t* db) {
  rocksdb_readoptions_t* ro = rocksdb_readoptions_create();
  rocksdb_readoptions_set_fill_cache(ro, 0);
  rocksdb_iterator_t* it = rocksdb_create_iterator(db, ro);
  uint64_t keys = 0, sum = 0, inverted = 0, bad = 0;
  for (rocksdb_iter_seek_to_first(it); rocksdb_iter_valid(it); rocksdb_iter_next(it)) {
    size_t key_len = 0, val_len = 0;
    const char* key = rocksdb_iter_key(it, &key_len);
    if (key_len > 0 && key[0] == 'i') {
      inverted++;
      continue;
    }
    const char* val = rocksdb_iter_value(it, &val_len);
    Value v = {0, 0, UINT32_MAX};
    if (Fold(&v, val, val_len) != 0) {
      bad++;
      continue;
    }
    keys++;
    sum += v.count;
  }
  char* err = NULL;
  rocksdb_iter_get_error(it, &err);
  if (err != NULL) Die("iterate", err);
  rocksdb_iter_destroy(it);
  rocksdb_readoptions_destroy(ro);
  if (bad > 0) fprintf(stderr, "balboa_store: %llu undecodable values\n", (unsigned long long)bad);
  printf("%llu %llu %llu\n", (unsigned long long)keys, (unsigned long long)sum,
         (unsigned long long)inverted);
}

static void Compact(rocksdb_t* db) {
  char* err = NULL;
  rocksdb_flushoptions_t* fo = rocksdb_flushoptions_create();
  rocksdb_flushoptions_set_wait(fo, 1);
  rocksdb_flush(db, fo, &err);
  if (err != NULL) Die("flush", err);
  rocksdb_flushoptions_destroy(fo);
  rocksdb_compactoptions_t* co = rocksdb_compactoptions_create();
  // kForce: rewrite the bottom level too, so every merge operand is folded into one value.
  rocksdb_compactoptions_set_bottommost_level_compaction(co, 2);
  rocksdb_compactoptions_set_exclusive_manual_compaction(co, 1);
  rocksdb_compact_range_opt(db, co, NULL, 0, NULL, 0);
  rocksdb_compactoptions_destroy(co);
}

int main(int argc, char** argv) {
  if (argc != 3 || (strcmp(argv[2], "count") != 0 && strcmp(argv[2], "compact") != 0)) {
    fprintf(stderr, "usage: balboa_store DIR count|compact\n");
    return 2;
  }
  // balboa-rocksdb's defaults (--membudget 134217728 --parallelism 8, LZ4 on 5 levels).
  rocksdb_mergeoperator_t* merge =
      rocksdb_mergeoperator_create(NULL, Destroy, FullMerge, PartialMerge, DeleteValue, Name);
  rocksdb_options_t* options = rocksdb_options_create();
  rocksdb_options_increase_parallelism(options, 8);
  rocksdb_options_optimize_level_style_compaction(options, 134217728);
  rocksdb_options_set_create_if_missing(options, 0);
  rocksdb_options_set_merge_operator(options, merge);
  int lz4[5] = {rocksdb_lz4_compression, rocksdb_lz4_compression, rocksdb_lz4_compression,
                rocksdb_lz4_compression, rocksdb_lz4_compression};
  rocksdb_options_set_compression_per_level(options, lz4, 5);
  char* err = NULL;
  rocksdb_t* db = rocksdb_open(options, argv[1], &err);
  if (err != NULL) Die("open", err);
  if (strcmp(argv[2], "count") == 0) {
    Count(db);
  } else {
    Compact(db);
  }
  rocksdb_close(db);
  // The options own the merge operator (upstream leaks both rather than risk a double free).
  rocksdb_options_destroy(options);
  return 0;
}
