// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 The PatternLab authors
#include "model/experimentstats.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace ExperimentStats {

namespace {
std::vector<double> finite(std::vector<double> values)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
                 values.end());
    return values;
}
} // namespace

double median(std::vector<double> values)
{
    values = finite(std::move(values));
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

namespace {
// P(X <= k) for X ~ Binomial(n, 1/2).
double binomialHalfCdf(int n, int k)
{
    double term = std::pow(0.5, n); // C(n, 0) / 2^n
    double sum = 0;
    for (int i = 0; i <= k; ++i) {
        sum += term;
        term = term * double(n - i) / double(i + 1);
    }
    return sum;
}
} // namespace

Interval medianCi95(std::vector<double> values)
{
    values = finite(std::move(values));
    Interval interval;
    if (values.empty())
        return interval;
    std::sort(values.begin(), values.end());
    const int n = int(values.size());
    // [x(k), x(n+1-k)] misses the median when fewer than k values lie below it or above it.
    int best = 1;
    for (int k = 2; 2 * k <= n; ++k) {
        if (1 - 2 * binomialHalfCdf(n, k - 1) < 0.95)
            break;
        best = k;
    }
    interval.lo = values[std::size_t(best - 1)];
    interval.hi = values[std::size_t(n - best)];
    interval.coverage = 1 - 2 * binomialHalfCdf(n, best - 1);
    return interval;
}

namespace {
// The number of arrangements of m + n distinct values for each U = 0..mn: the coefficients
// of the Gaussian binomial [m+n choose m] = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i).
std::vector<double> uCounts(int m, int n)
{
    std::vector<double> p(std::size_t(m) * std::size_t(n) + 1, 0.0);
    p[0] = 1;
    const int top = m * n;
    for (int i = 1; i <= m; ++i) {
        for (int k = top; k >= n + i; --k)
            p[std::size_t(k)] -= p[std::size_t(k - n - i)];
        for (int k = i; k <= top; ++k)
            p[std::size_t(k)] += p[std::size_t(k - i)];
    }
    return p;
}
constexpr int ExactLimit = 20; // per side: the counts stay exact in a double
} // namespace

MannWhitney mannWhitney(const std::vector<double> &rawA, const std::vector<double> &rawB, Method method)
{
    const std::vector<double> a = finite(rawA);
    const std::vector<double> b = finite(rawB);
    MannWhitney result;
    const std::size_t m = a.size();
    const std::size_t n = b.size();
    if (m == 0 || n == 0)
        return result;
    // Ranks over both samples, ties sharing their mean rank.
    std::vector<std::pair<double, int>> all;
    all.reserve(m + n);
    for (double v : a)
        all.push_back({ v, 0 });
    for (double v : b)
        all.push_back({ v, 1 });
    std::sort(all.begin(), all.end(), [](const auto &l, const auto &r) { return l.first < r.first; });
    double rankSumA = 0;
    double tieTerm = 0; // sum of t^3 - t over groups of ties
    for (std::size_t i = 0; i < all.size();) {
        std::size_t j = i;
        while (j < all.size() && all[j].first == all[i].first)
            ++j;
        const double rank = (double(i + 1) + double(j)) / 2;
        for (std::size_t k = i; k < j; ++k) {
            if (all[k].second == 0)
                rankSumA += rank;
        }
        const double t = double(j - i);
        tieTerm += t * t * t - t;
        i = j;
    }
    const double mn = double(m) * double(n);
    result.u = rankSumA - double(m) * double(m + 1) / 2;
    const double uMax = std::max(result.u, mn - result.u);
    if (method == Method::Auto && tieTerm == 0 && m <= ExactLimit && n <= ExactLimit) {
        const std::vector<double> counts = uCounts(int(m), int(n));
        const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
        double tail = 0;
        for (auto u = std::size_t(std::lround(uMax)); u < counts.size(); ++u)
            tail += counts[u];
        result.pValue = std::min(1.0, 2 * tail / total);
        result.exact = true;
        return result;
    }
    const double total = double(m + n);
    const double variance = mn / 12 * ((total + 1) - tieTerm / (total * (total - 1)));
    if (variance <= 0)
        return result; // every value equal: no evidence either way
    const double z = (uMax - mn / 2 - 0.5) / std::sqrt(variance);
    result.pValue = std::min(1.0, std::erfc(z / std::sqrt(2.0))); // 2 x the normal upper tail
    return result;
}

QString verdict(const std::vector<double> &a, const std::vector<double> &b, double pValue)
{
    if (pValue >= Alpha || std::min(a.size(), b.size()) < std::size_t(MinTrialsForVerdict))
        return QStringLiteral("no clear difference");
    const MannWhitney test = mannWhitney(a, b);
    // U of a below half of all pairs: a's values tend to lie below b's.
    return test.u < double(a.size()) * double(b.size()) / 2 ? QStringLiteral("a lower") : QStringLiteral("b lower");
}

namespace {
// Solves the k x k system m * x = v (k <= 3) by Gaussian elimination; false when singular.
bool solve(std::array<std::array<double, 3>, 3> m, std::array<double, 3> v, int k, std::array<double, 3> *x)
{
    for (int col = 0; col < k; ++col) {
        int pivot = col;
        for (int row = col + 1; row < k; ++row) {
            if (std::abs(m[row][col]) > std::abs(m[pivot][col]))
                pivot = row;
        }
        if (std::abs(m[pivot][col]) < 1e-300)
            return false;
        std::swap(m[col], m[pivot]);
        std::swap(v[col], v[pivot]);
        for (int row = col + 1; row < k; ++row) {
            const double f = m[row][col] / m[col][col];
            for (int c = col; c < k; ++c)
                m[row][c] -= f * m[col][c];
            v[row] -= f * v[col];
        }
    }
    for (int row = k - 1; row >= 0; --row) {
        double s = v[row];
        for (int c = row + 1; c < k; ++c)
            s -= m[row][c] * (*x)[c];
        (*x)[row] = s / m[row][row];
    }
    return true;
}

// Least squares of y on the chosen basis terms of {1, N-1, N(N-1)}; coefficients of the
// terms left out are 0.
bool leastSquares(const std::vector<double> &n, const std::vector<double> &y, std::array<bool, 3> use,
                  std::array<double, 3> *coef)
{
    std::array<int, 3> terms {};
    int k = 0;
    for (int t = 0; t < 3; ++t) {
        if (use[t])
            terms[k++] = t;
    }
    const auto basis = [](int term, double nv) { return term == 0 ? 1.0 : term == 1 ? nv - 1 : nv * (nv - 1); };
    std::array<std::array<double, 3>, 3> m {};
    std::array<double, 3> v {};
    for (std::size_t i = 0; i < n.size(); ++i) {
        for (int r = 0; r < k; ++r) {
            v[r] += basis(terms[r], n[i]) * y[i];
            for (int c = 0; c < k; ++c)
                m[r][c] += basis(terms[r], n[i]) * basis(terms[c], n[i]);
        }
    }
    std::array<double, 3> x {};
    if (!solve(m, v, k, &x))
        return false;
    *coef = {};
    for (int r = 0; r < k; ++r)
        (*coef)[terms[r]] = x[r];
    return true;
}
} // namespace

std::optional<UslFit> fitUsl(const std::vector<double> &n, const std::vector<double> &x)
{
    std::vector<double> ns;
    std::vector<double> xs;
    std::vector<double> y;
    for (std::size_t i = 0; i < std::min(n.size(), x.size()); ++i) {
        if (n[i] >= 1 && x[i] > 0 && std::isfinite(x[i])) {
            ns.push_back(n[i]);
            xs.push_back(x[i]);
            y.push_back(n[i] / x[i]);
        }
    }
    std::vector<double> distinct = ns;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() < std::size_t(MinFitPoints))
        return std::nullopt;
    // Unconstrained first; a negative sigma or kappa (noise, or no such effect) is dropped
    // and the rest fitted again, so both stay >= 0 as the law requires.
    std::array<double, 3> c {};
    std::array<bool, 3> use { true, true, true };
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (!leastSquares(ns, y, use, &c))
            return std::nullopt;
        if (c[1] >= 0 && c[2] >= 0)
            break;
        if (c[2] < 0)
            use[2] = false;
        else
            use[1] = false;
        if (attempt == 2)
            return std::nullopt;
    }
    if (c[0] <= 0)
        return std::nullopt;
    UslFit fit;
    fit.lambda = 1 / c[0];
    fit.sigma = std::max(0.0, c[1] / c[0]);
    fit.kappa = std::max(0.0, c[2] / c[0]);
    if (fit.kappa > 0 && fit.sigma < 1)
        fit.peak = std::sqrt((1 - fit.sigma) / fit.kappa);
    const double mean = std::accumulate(xs.begin(), xs.end(), 0.0) / double(xs.size());
    double ssRes = 0;
    double ssTot = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        ssRes += std::pow(xs[i] - fit.predict(ns[i]), 2);
        ssTot += std::pow(xs[i] - mean, 2);
    }
    fit.r2 = ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1 : 0);
    return fit;
}

std::optional<std::size_t> knee(const std::vector<double> &x, const std::vector<double> &y, double riseFactor,
                                double minDistance)
{
    const std::size_t count = std::min(x.size(), y.size());
    if (count < std::size_t(MinFitPoints))
        return std::nullopt;
    const double yMin = *std::min_element(y.begin(), y.begin() + std::ptrdiff_t(count));
    const double yMax = *std::max_element(y.begin(), y.begin() + std::ptrdiff_t(count));
    const double xSpan = x[count - 1] - x[0];
    if (xSpan <= 0 || yMax <= yMin || yMin < 0 || y[count - 1] < riseFactor * yMin)
        return std::nullopt;
    // Normalised to [0, 1] on both axes; the chord joins the first point and the last.
    const auto nx = [&](std::size_t i) { return (x[i] - x[0]) / xSpan; };
    const auto ny = [&](std::size_t i) { return (y[i] - yMin) / (yMax - yMin); };
    const double y0 = ny(0);
    const double y1 = ny(count - 1);
    std::size_t best = 0;
    double bestDistance = 0;
    for (std::size_t i = 1; i + 1 < count; ++i) {
        const double chord = y0 + (y1 - y0) * nx(i);
        const double distance = chord - ny(i);
        if (distance > bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    if (bestDistance < minDistance)
        return std::nullopt;
    return best;
}

double LittleCheck::relativeGap() const
{
    const double larger = std::max(std::abs(measured), std::abs(predicted));
    return larger > 0 ? std::abs(measured - predicted) / larger : 0;
}

} // namespace ExperimentStats
