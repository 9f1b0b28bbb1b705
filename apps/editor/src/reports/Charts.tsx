/**
 * Report charts (recharts). Fixed pixel sizes so they print the same as on
 * screen; colours with enough contrast for black-and-white printing (the
 * "before" bar is dark, "after" light with a border).
 */
import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis, LabelList } from 'recharts';

export const CHART_COLORS = { primary: '#0f766e', secondary: '#99f6e4', accent: '#d97706', ink: '#334155' } as const;

export interface BarDatum {
  label: string;
  value: number;
}

/** One series of horizontal bars with the value printed at each bar's end. */
export const HorizontalBars = memo(function HorizontalBars({ data, width = 520, name }: { data: readonly BarDatum[]; width?: number; name: string }) {
  const height = Math.max(80, data.length * 28 + 30);
  return (
    <BarChart width={width} height={height} data={[...data]} layout="vertical" margin={{ left: 8, right: 36, top: 4, bottom: 4 }}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" allowDecimals={false} />
      <YAxis type="category" dataKey="label" width={200} tick={{ fontSize: 11 }} />
      <Tooltip />
      <Bar dataKey="value" name={name} fill={CHART_COLORS.primary} isAnimationActive={false}>
        <LabelList dataKey="value" position="right" fontSize={11} />
      </Bar>
    </BarChart>
  );
});

export interface PairDatum {
  label: string;
  a: number;
  b: number;
}

/** Two bars per category (before/after, opened/closed). */
export const PairedBars = memo(function PairedBars({ data, names, width = 520 }: { data: readonly PairDatum[]; names: [string, string]; width?: number }) {
  return (
    <BarChart width={width} height={240} data={[...data]} margin={{ left: 0, right: 12, top: 16, bottom: 4 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 11 }} />
      <YAxis allowDecimals={false} />
      <Tooltip />
      <Legend itemSorter="dataKey" />
      <Bar dataKey="a" name={names[0]} fill={CHART_COLORS.primary} isAnimationActive={false}>
        <LabelList dataKey="a" position="top" fontSize={11} />
      </Bar>
      <Bar dataKey="b" name={names[1]} fill={CHART_COLORS.secondary} stroke={CHART_COLORS.primary} isAnimationActive={false}>
        <LabelList dataKey="b" position="top" fontSize={11} />
      </Bar>
    </BarChart>
  );
});

/** Two lines over months. */
export const MonthLines = memo(function MonthLines({ data, names, width = 520 }: { data: readonly PairDatum[]; names: [string, string]; width?: number }) {
  return (
    <LineChart width={width} height={220} data={[...data]} margin={{ left: 0, right: 12, top: 8, bottom: 4 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="label" tick={{ fontSize: 11 }} />
      <YAxis allowDecimals={false} />
      <Tooltip />
      <Legend itemSorter="dataKey" />
      <Line dataKey="a" name={names[0]} stroke={CHART_COLORS.primary} strokeWidth={2} isAnimationActive={false} />
      <Line dataKey="b" name={names[1]} stroke={CHART_COLORS.accent} strokeWidth={2} strokeDasharray="5 3" isAnimationActive={false} />
    </LineChart>
  );
});

export interface TripleDatum {
  label: string;
  d30: number;
  d60: number;
  d90: number;
}

/** Three bars per category (return to attendance after 30/60/90 days, in %). */
export const TripleBars = memo(function TripleBars({ data, names, width = 520 }: { data: readonly TripleDatum[]; names: [string, string, string]; width?: number }) {
  return (
    <BarChart width={width} height={240} data={[...data]} margin={{ left: 0, right: 12, top: 16, bottom: 4 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 10 }} interval={0} />
      <YAxis domain={[0, 100]} unit="%" />
      <Tooltip />
      <Legend itemSorter="dataKey" />
      <Bar dataKey="d30" name={names[0]} fill={CHART_COLORS.secondary} stroke={CHART_COLORS.primary} isAnimationActive={false} />
      <Bar dataKey="d60" name={names[1]} fill={CHART_COLORS.primary} isAnimationActive={false} />
      <Bar dataKey="d90" name={names[2]} fill={CHART_COLORS.ink} isAnimationActive={false} />
    </BarChart>
  );
});
