/*
 * LINE's SGD loop for WebAssembly SIMD: the same samples as `../kernel.ts` (the same xoroshiro128+
 * stream, seeding and draws), with the 64-d dot products and updates on f32x4 lanes in f32, where the
 * JavaScript kernel computes in f64. No libc, no static data, no shadow stack: every pointer is an
 * offset into the memory the host imports (tables, vectors and a per-thread `err` row laid out by
 * `../wasm-kernel.ts`), so threads may share one memory, Hogwild, as the reference C++ does.
 * Built by `build.sh` (clang 14, wasm32, -msimd128); the result is committed as `kernel-wasm.ts`.
 */
#include <stdint.h>
#include <wasm_simd128.h>

typedef struct {
  uint32_t s01, s00, s11, s10;
} Xoro;

/* One xoroshiro128+ step on pure-rand's 4 × int32 layout; the 32 random bits `Rng.next()` returns. */
static inline uint32_t xoro_next(Xoro *r) {
  uint32_t s01 = r->s01, s00 = r->s00, s11 = r->s11, s10 = r->s10;
  uint32_t out = s00 + s10;
  uint32_t a0 = s10 ^ s00, a1 = s11 ^ s01;
  r->s00 = (s00 << 24) ^ (s01 >> 8) ^ a0 ^ (a0 << 16);
  r->s01 = (s01 << 24) ^ (s00 >> 8) ^ a1 ^ ((a1 << 16) | (a0 >> 16));
  r->s10 = (a1 << 5) ^ (a0 >> 27);
  r->s11 = (a0 << 5) ^ (a1 >> 27);
  return out;
}

/* Uniform in [0, 1) exactly as the JavaScript kernel computes it. */
static inline double unit(Xoro *r) { return (double)xoro_next(r) * (1.0 / 4294967296.0); }

/* An alias draw: a uniform column, kept with probability prob[col], else its alias. */
static inline uint32_t alias_draw(Xoro *r, const float *prob, const int32_t *alias, uint32_t n) {
  uint32_t col = (uint32_t)(unit(r) * (double)n);
  return unit(r) < (double)prob[col] ? col : (uint32_t)alias[col];
}

static inline float hsum(v128_t x) {
  return (wasm_f32x4_extract_lane(x, 0) + wasm_f32x4_extract_lane(x, 1)) +
         (wasm_f32x4_extract_lane(x, 2) + wasm_f32x4_extract_lane(x, 3));
}

/* ln for the loss figure only (every 8th sample): no libm here; |error| < 1e-6 is plenty. */
static double ln(double x) {
  if (x <= 0) return -1e300;
  int e = 0;
  while (x > 1.5) x *= 0.5, e++;
  while (x < 0.75) x *= 2, e--;
  double y = (x - 1) / (x + 1), y2 = y * y, s = 0, p = y;
  for (int k = 1; k < 40; k += 2) s += p / k, p *= y2;
  return 2 * s + e * 0.6931471805599453;
}

/*
 * Samples from … to − 1 (as f64: T may pass 2^32), updating `vertex` and `context` in place; returns
 * the mean negative-sampling loss of every 8th sample. Arguments follow `KernelJob`.
 */
double line_sgd(const int32_t *arc_src, const int32_t *arc_dst, const float *edge_prob, const int32_t *edge_alias,
                uint32_t n_arcs, const float *node_prob, const int32_t *node_alias, uint32_t n_nodes, float *vertex,
                float *context, const float *sigmoid, float *err, int32_t dim, int32_t negatives, double total,
                double rho0, double from_d, double to_d, int32_t seed) {
  const int64_t from = (int64_t)from_d, to = (int64_t)to_d;
  const int32_t d4 = dim & ~3;
  const double floor_rho = rho0 * 1e-4, decay = rho0 / (total + 1);
  uint32_t h = (uint32_t)seed;
  h = (h ^ (h >> 16)) * 0x85ebca6bu;
  h = (h ^ (h >> 13)) * 0xc2b2ae35u;
  h = h ^ (h >> 16);
  Xoro r = {0xffffffffu, ~h, h, 0};
  for (int i = 0; i < 8; i++) xoro_next(&r);
  double loss_sum = 0;
  int64_t loss_count = 0;
  for (int64_t t = from; t < to; t++) {
    double rho_d = rho0 - (double)t * decay;
    const float rho = (float)(rho_d > floor_rho ? rho_d : floor_rho);
    const uint32_t arc = alias_draw(&r, edge_prob, edge_alias, n_arcs);
    float *u = vertex + (int64_t)arc_src[arc] * dim;
    const int track = (t & 7) == 0;
    for (int32_t k = 0; k <= negatives; k++) {
      const uint32_t target = k == 0 ? (uint32_t)arc_dst[arc] : alias_draw(&r, node_prob, node_alias, n_nodes);
      float *v = context + (int64_t)target * dim;
      v128_t a0 = wasm_f32x4_splat(0), a1 = a0;
      int32_t i = 0;
      for (; i + 8 <= d4; i += 8) {
        a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load(u + i), wasm_v128_load(v + i)));
        a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(wasm_v128_load(u + i + 4), wasm_v128_load(v + i + 4)));
      }
      for (; i < d4; i += 4) a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load(u + i), wasm_v128_load(v + i)));
      float x = hsum(wasm_f32x4_add(a0, a1));
      for (; i < dim; i++) x += u[i] * v[i];
      const float p = x >= 6 ? 1 : x <= -6 ? 0 : sigmoid[(int32_t)((x + 6) * (1000.0f / 12)) > 999 ? 999 : (int32_t)((x + 6) * (1000.0f / 12))];
      if (track) {
        const double q = k == 0 ? p : 1 - p;
        loss_sum -= ln(q > 1e-7 ? q : 1e-7);
      }
      const float g = ((k == 0 ? 1.0f : 0.0f) - p) * rho;
      const v128_t gv = wasm_f32x4_splat(g);
      // The positive (k = 0) writes u's step, the negatives add to it: no separate zeroing pass.
      if (k == 0) {
        for (i = 0; i < d4; i += 4) {
          const v128_t c = wasm_v128_load(v + i);
          wasm_v128_store(err + i, wasm_f32x4_mul(gv, c));
          wasm_v128_store(v + i, wasm_f32x4_add(c, wasm_f32x4_mul(gv, wasm_v128_load(u + i))));
        }
        for (; i < dim; i++) {
          const float c = v[i];
          err[i] = g * c;
          v[i] = c + g * u[i];
        }
      } else {
        for (i = 0; i < d4; i += 4) {
          const v128_t c = wasm_v128_load(v + i);
          wasm_v128_store(err + i, wasm_f32x4_add(wasm_v128_load(err + i), wasm_f32x4_mul(gv, c)));
          wasm_v128_store(v + i, wasm_f32x4_add(c, wasm_f32x4_mul(gv, wasm_v128_load(u + i))));
        }
        for (; i < dim; i++) {
          const float c = v[i];
          err[i] += g * c;
          v[i] = c + g * u[i];
        }
      }
    }
    int32_t i = 0;
    for (; i < d4; i += 4) wasm_v128_store(u + i, wasm_f32x4_add(wasm_v128_load(u + i), wasm_v128_load(err + i)));
    for (; i < dim; i++) u[i] += err[i];
    if (track) loss_count++;
  }
  return loss_count ? loss_sum / (double)loss_count : 0;
}
