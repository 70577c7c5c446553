/*
 * The machine's FP32 peak in GFLOP/s, the yardstick for the classifier's images/s (run.sh turns them into
 * GFLOP/s). Each thread runs independent chains of vector fused multiply-adds: enough chains (12) to
 * cover the FMA latency times the number of FMA units, so the units never wait for a result, and no
 * memory traffic. Built with gcc -O3 -march=native so the vectors are as wide as the CPU's (AVX2: 8 floats,
 * AVX-512: 16) and a*b+c becomes one FMA instruction.
 *
 * Usage: fma [threads]   (default 2); prints "GFLOP/s threads".
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#if defined(__AVX512F__)
#define LANES 16
#elif defined(__AVX__)
#define LANES 8
#else
#define LANES 4
#endif
#define CHAINS 12
#define ROUNDS (1000000000L / LANES) /* some tenths of a second a trial */

typedef float vec __attribute__((vector_size(LANES * sizeof(float))));

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Runs the chains; returns their sum through arg so that the compiler cannot drop the work. */
static void *work(void *arg) {
    vec acc[CHAINS];
    vec a, b;
    for (int l = 0; l < LANES; l++) {
        a[l] = 0.999999f;
        b[l] = 1e-7f;
    }
    for (int c = 0; c < CHAINS; c++) {
        acc[c] = a * (float) c;
    }
    for (long r = 0; r < ROUNDS; r++) {
        for (int c = 0; c < CHAINS; c++) {
            acc[c] = acc[c] * a + b;
        }
    }
    float sum = 0;
    for (int c = 0; c < CHAINS; c++) {
        for (int l = 0; l < LANES; l++) {
            sum += acc[c][l];
        }
    }
    *(float *) arg = sum;
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 2;
    if (threads < 1 || threads > 256) {
        fprintf(stderr, "usage: fma [threads 1..256]\n");
        return 2;
    }
    pthread_t ids[256];
    float sums[256];
    double best = 0;
    for (int trial = 0; trial < 3; trial++) { /* the best of three: the first may meet a cold, slow core */
        double start = now();
        for (int t = 0; t < threads; t++) {
            pthread_create(&ids[t], NULL, work, &sums[t]);
        }
        for (int t = 0; t < threads; t++) {
            pthread_join(ids[t], NULL);
        }
        double seconds = now() - start;
        double flops = 2.0 * LANES * CHAINS * (double) ROUNDS * threads;
        if (flops / seconds > best) {
            best = flops / seconds;
        }
    }
    float check = 0;
    for (int t = 0; t < threads; t++) {
        check += sums[t];
    }
    printf("%.1f %d\n", best / 1e9, threads);
    fprintf(stderr, "fma: %d lanes x %d chains, %d threads (checksum %g)\n", LANES, CHAINS, threads, check);
    return 0;
}
