import {
  describePeerMedian,
  formatInstant,
  formatMetric,
  formatTarget,
  METRICS,
  type MetricId,
  MIN_CONVERSATIONS,
  metricUnit,
  NO_DATA,
} from '@rapport/metrics';
import PDFDocument from 'pdfkit';
import type {
  AgentReview,
  CoachingEntry,
  MetricTrend,
  PacketOpportunity,
  ReviewPacket,
} from './review-packet.ts';

const MARGIN = 50;
const COLOR = {
  text: '#1f2933',
  muted: '#616e7c',
  rule: '#cbd2d9',
  zebra: '#f2f4f7',
  line: '#2563eb',
  team: '#8a4600',
};
const LABELS = new Map<string, string>(METRICS.map((m) => [m.id, m.label]));

/**
 * The review packet as a PDF stream: per agent a title block, the ranked coaching opportunities with
 * their evidence quoted, the scorecard against the team median, weekly trend charts (the agent beside
 * the team median) drawn as vector paths and the coaching history. A team packet is one section per
 * agent, each starting on its own page. Pure: everything printed comes in `packet`.
 */
export function renderReviewPacket(packet: ReviewPacket): PDFKit.PDFDocument {
  const period = `${packet.period.from} to ${packet.period.to}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `Rapport review packet, ${period}`, Author: 'Rapport', CreationDate: packet.generatedAt },
  });
  if (packet.sections.length === 0) {
    title(doc, 'Review packet');
    doc.font('Helvetica').fontSize(10).fillColor(COLOR.text);
    doc.text(`Period ${period}. No agents in this export.`);
  }
  packet.sections.forEach((section, i) => {
    if (i > 0) doc.addPage();
    drawSection(doc, packet, section);
  });
  drawFooters(doc, `Rapport review packet, ${period}`);
  doc.end();
  return doc;
}

function drawSection(doc: PDFKit.PDFDocument, packet: ReviewPacket, section: AgentReview) {
  title(doc, 'Review packet');
  doc.font('Helvetica-Bold').fontSize(14).fillColor(COLOR.text);
  doc.text(pdfText(section.agentName ?? section.agentId));
  doc.font('Helvetica').fontSize(10).fillColor(COLOR.muted);
  doc.text(pdfText(`Agent ${section.agentId} · Team ${section.teamId ?? 'none'}`));
  doc.text(
    `Period ${packet.period.from} to ${packet.period.to} · ${section.conversations} conversation${section.conversations === 1 ? '' : 's'} · metric definitions ${section.definitions}`,
  );
  doc.text(`Generated ${formatInstant(packet.generatedAt, packet.timeZone)}`);
  doc.moveDown(1);

  heading(doc, 'Coaching opportunities');
  drawOpportunities(doc, section.opportunities);

  heading(doc, 'Scorecard');
  doc.font('Helvetica').fontSize(8).fillColor(COLOR.muted);
  doc.text(
    `Team median: the median of the agent's teammates with at least ${MIN_CONVERSATIONS} conversations behind the metric, the agent left out.`,
    MARGIN,
  );
  doc.moveDown(0.3);
  drawScorecard(doc, section);

  doc.addPage();
  heading(doc, 'Weekly trends');
  doc.font('Helvetica').fontSize(8).fillColor(COLOR.muted);
  doc.text('Solid line with dots: the agent. Dashed line: the team median of the week.', MARGIN);
  doc.moveDown(0.5);
  drawTrends(doc, section.trends);

  heading(doc, 'Coaching history');
  drawCoaching(doc, section.coaching);
}

function title(doc: PDFKit.PDFDocument, text: string) {
  doc.font('Helvetica-Bold').fontSize(20).fillColor(COLOR.text).text(text, MARGIN);
  doc.moveDown(0.2);
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  doc.font('Helvetica-Bold').fontSize(13).fillColor(COLOR.text).text(text, MARGIN);
  doc.moveDown(0.4);
}

const ROW_HEIGHT = 15;
const COLUMNS = [
  // The value columns fit the longest value, "12.34 per conversation"; the longest label has room to spare.
  { header: 'Metric', x: MARGIN, width: 160, align: 'left' },
  { header: 'Agent', x: MARGIN + 160, width: 95, align: 'right' },
  { header: 'n', x: MARGIN + 255, width: 35, align: 'right' },
  { header: 'Team median', x: MARGIN + 290, width: 95, align: 'right' },
  { header: 'Target', x: MARGIN + 385, width: 110, align: 'right' },
] as const;

function drawScorecard(doc: PDFKit.PDFDocument, section: AgentReview) {
  const tableWidth = contentWidth(doc);
  const drawHeader = () => {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9).fillColor(COLOR.muted);
    for (const column of COLUMNS) {
      doc.text(column.header, column.x + (column.align === 'left' ? 4 : 0), y + 3, {
        width: column.width - 4,
        align: column.align,
        lineBreak: false,
      });
    }
    doc
      .moveTo(MARGIN, y + ROW_HEIGHT)
      .lineTo(MARGIN + tableWidth, y + ROW_HEIGHT)
      .lineWidth(0.75)
      .strokeColor(COLOR.rule)
      .stroke();
    doc.y = y + ROW_HEIGHT;
  };
  drawHeader();
  section.scorecard.forEach((metric, i) => {
    if (doc.y + ROW_HEIGHT > pageBottom(doc)) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    if (i % 2 === 1) doc.rect(MARGIN, y, tableWidth, ROW_HEIGHT).fill(COLOR.zebra);
    const unit = metricUnit(metric.id);
    const cells = [
      metric.label,
      formatMetric(metric.value, unit),
      String(metric.n),
      formatMetric(metric.teamMedian, unit),
      metric.target ? formatTarget(metric.target, unit, 'words') : '',
    ];
    doc.font('Helvetica').fontSize(9);
    COLUMNS.forEach((column, c) => {
      doc.fillColor(cells[c] === NO_DATA ? COLOR.muted : COLOR.text);
      doc.text(pdfText(cells[c] ?? ''), column.x + (column.align === 'left' ? 4 : 0), y + 3, {
        width: column.width - 4,
        align: column.align,
        lineBreak: false,
      });
    });
    doc.y = y + ROW_HEIGHT;
  });
  doc.x = MARGIN;
  doc.moveDown(1);
}

const TREND_WORDS: Record<PacketOpportunity['trend'], string> = {
  improving: 'improving',
  steady: 'steady',
  worsening: 'worsening',
  'not enough data': 'trend: not enough data',
};

/** Each opportunity ranked as on the scorecard page: its numbers, why it is one, and its evidence quoted. */
function drawOpportunities(doc: PDFKit.PDFDocument, opportunities: readonly PacketOpportunity[]) {
  doc.x = MARGIN;
  const width = contentWidth(doc);
  if (opportunities.length === 0) {
    doc.font('Helvetica').fontSize(10).fillColor(COLOR.muted);
    doc.text(
      `No coaching opportunities in this period: no metric is worse than the team by one robust unit or misses its target (metrics with fewer than ${MIN_CONVERSATIONS} conversations are never flagged).`,
      { width },
    );
    doc.moveDown(1);
    return;
  }
  opportunities.forEach((o, rank) => {
    if (doc.y + 60 > pageBottom(doc)) doc.addPage();
    const unit = metricUnit(o.metricId);
    const why = [o.worseThanTeam ? 'worse than the team' : '', o.missesTarget ? 'misses target' : '']
      .filter(Boolean)
      .join(', ');
    doc.font('Helvetica-Bold').fontSize(10).fillColor(COLOR.text);
    doc.text(
      pdfText(`${rank + 1}. ${o.label}: ${formatMetric(o.value, unit)} (${why}; ${TREND_WORDS[o.trend]})`),
      {
        width,
      },
    );
    doc.font('Helvetica').fontSize(9).fillColor(COLOR.muted);
    doc.text(
      pdfText(
        `over ${o.n} conversations · team median ${formatMetric(o.teamMedian, unit)} (${describePeerMedian(
          { peers: o.peers, minConversations: o.minConversations },
          'words',
        )}) · target ${formatTarget(o.target, unit, 'words')}`,
      ),
      { width },
    );
    for (const e of o.evidence) {
      doc.fillColor(COLOR.text);
      const quote = e.text === null ? 'A whole turn (not quoted)' : `"${e.text}"`;
      const suggestion = e.suggestion ? ` Try: "${e.suggestion}"` : '';
      doc.text(pdfText(`- ${quote}${suggestion}${e.day ? ` (${e.day})` : ''}`), MARGIN + 12, undefined, {
        width: width - 12,
      });
    }
    doc.x = MARGIN;
    doc.moveDown(0.6);
  });
  doc.moveDown(0.4);
}

const CHART_HEIGHT = 150;
const CHART_GAP = 20;

function drawTrends(doc: PDFKit.PDFDocument, trends: readonly MetricTrend[]) {
  const width = (contentWidth(doc) - CHART_GAP) / 2;
  for (let i = 0; i < trends.length; i += 2) {
    if (doc.y + CHART_HEIGHT > pageBottom(doc)) doc.addPage();
    const y = doc.y;
    trends.slice(i, i + 2).forEach((trend, j) => {
      drawTrendChart(doc, trend, MARGIN + j * (width + CHART_GAP), y, width, CHART_HEIGHT);
    });
    doc.x = MARGIN;
    doc.y = y + CHART_HEIGHT + CHART_GAP;
  }
}

/** A line per metric, weeks on the x axis; a week without data breaks the line instead of dropping to 0. */
function drawTrendChart(
  doc: PDFKit.PDFDocument,
  trend: MetricTrend,
  x: number,
  y: number,
  width: number,
  height: number,
) {
  doc.font('Helvetica-Bold').fontSize(9).fillColor(COLOR.text);
  const label = LABELS.get(trend.metric) ?? trend.metric;
  doc.text(trend.channel === null ? label : `${label} · ${trend.channel}`, x, y, { width, lineBreak: false });

  const plot = { x: x + 48, y: y + 18, width: width - 56, height: height - 40 };
  doc
    .moveTo(plot.x, plot.y)
    .lineTo(plot.x, plot.y + plot.height)
    .lineTo(plot.x + plot.width, plot.y + plot.height)
    .lineWidth(0.75)
    .strokeColor(COLOR.rule)
    .stroke();

  const values = trend.points.flatMap((p) => [p.value, p.team]).filter((v): v is number => v !== null);
  const [low, high] = domain(trend.metric, values);
  doc.font('Helvetica').fontSize(7).fillColor(COLOR.muted);
  doc.text(formatMetric(high, metricUnit(trend.metric)), x, plot.y - 3, {
    width: 44,
    align: 'right',
    lineBreak: false,
  });
  doc.text(formatMetric(low, metricUnit(trend.metric)), x, plot.y + plot.height - 6, {
    width: 44,
    align: 'right',
    lineBreak: false,
  });
  const first = trend.points[0]?.week;
  const last = trend.points.at(-1)?.week;
  if (first) doc.text(`week of ${first}`, plot.x, plot.y + plot.height + 4, { lineBreak: false });
  if (last && last !== first) {
    doc.text(last, plot.x + plot.width - 60, plot.y + plot.height + 4, {
      width: 60,
      align: 'right',
      lineBreak: false,
    });
  }

  if (!trend.points.some((p) => p.value !== null)) {
    doc.text(NO_DATA, plot.x, plot.y + plot.height / 2 - 4, {
      width: plot.width,
      align: 'center',
      lineBreak: false,
    });
    return;
  }
  const step = trend.points.length > 1 ? plot.width / (trend.points.length - 1) : 0;
  const at = (i: number, value: number) => ({
    px: trend.points.length > 1 ? plot.x + i * step : plot.x + plot.width / 2,
    py: plot.y + plot.height - ((value - low) / (high - low)) * plot.height,
  });
  // The team median first, dashed and without dots, so that the agent's line is drawn over it.
  doc.lineWidth(1.25).strokeColor(COLOR.team).dash(4, { space: 3 });
  trend.points.forEach((point, i) => {
    const previous = trend.points[i - 1]?.team;
    if (point.team === null || previous === null || previous === undefined) return;
    const there = at(i - 1, previous);
    const here = at(i, point.team);
    doc.moveTo(there.px, there.py).lineTo(here.px, here.py).stroke();
  });
  doc.undash();
  doc.lineWidth(1.5).strokeColor(COLOR.line).fillColor(COLOR.line);
  trend.points.forEach((point, i) => {
    if (point.value === null) return;
    const here = at(i, point.value);
    const previous = trend.points[i - 1]?.value;
    if (previous !== null && previous !== undefined) {
      const there = at(i - 1, previous);
      doc.moveTo(there.px, there.py).lineTo(here.px, here.py).stroke();
    }
    doc.circle(here.px, here.py, 2).fill();
  });
}

/** Shares on 0–100 %, CSAT on its 1–5 scale, the rest from 0 (or the lowest value) to the highest. */
function domain(metric: MetricId, values: readonly number[]): [number, number] {
  if (metricUnit(metric) === 'ratio') return [0, 1];
  if (metric === 'csat') return [1, 5];
  const low = Math.min(0, ...values);
  const high = Math.max(...values, low);
  return high > low ? [low, high] : [low, low + 1];
}

function drawCoaching(doc: PDFKit.PDFDocument, sessions: readonly CoachingEntry[]) {
  doc.x = MARGIN;
  if (sessions.length === 0) {
    doc.font('Helvetica').fontSize(10).fillColor(COLOR.muted).text('No coaching sessions');
    return;
  }
  for (const session of sessions) {
    const focus = session.focusMetrics.map((id) => LABELS.get(id) ?? id).join(', ');
    doc.font('Helvetica-Bold').fontSize(10).fillColor(COLOR.text);
    doc.text(pdfText(`${session.date}${focus ? ` · focus: ${focus}` : ''}`));
    doc.font('Helvetica').fontSize(9).fillColor(COLOR.muted);
    const acknowledged = session.acknowledgedAt
      ? `acknowledged ${session.acknowledgedAt}`
      : 'not acknowledged';
    doc.text(pdfText(`${session.coach ? `by ${session.coach} · ` : ''}${acknowledged}`));
    if (session.note !== null)
      doc.fillColor(COLOR.text).text(pdfText(session.note), { width: contentWidth(doc) });
    doc.moveDown(0.6);
  }
}

/** Page numbers once every page exists (bufferPages), below the bottom margin. */
function drawFooters(doc: PDFKit.PDFDocument, label: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(COLOR.muted);
    doc.text(`${label} · page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - 35, {
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function pageBottom(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

/**
 * The built-in PDF fonts only have the Windows-1252 characters: accents outside it are folded
 * (ě → e) and anything else becomes '?', rather than printing the wrong glyphs.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function encodable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    char === '\n' ||
    WIN_ANSI_EXTRA.has(char)
  );
}

export function pdfText(text: string): string {
  return [...text]
    .map((char) => {
      if (encodable(char)) return char;
      const folded = char.normalize('NFD').replace(/\p{M}/gu, '');
      return folded.length > 0 && [...folded].every(encodable) ? folded : '?';
    })
    .join('');
}
