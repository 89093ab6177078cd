import { describe, expect, test } from 'vitest';
import { sparklineShape } from './sparkline.prepare.ts';

describe('sparklineShape', () => {
  test('a gap breaks the line; a week alone is a dot', () => {
    // 5 weeks over 84 px: x = 2, 22, 42, 62, 82. Values 10…30 over 24 px: y = 2 + (30 − v)/20 · 20.
    const shape = sparklineShape([10, 30, null, 20, null], 84, 24);
    expect(shape.path).toBe('M2,22 L22,2');
    expect(shape.dots).toEqual([{ x: 62, y: 12 }]);
    expect(shape.last).toEqual({ x: 62, y: 12 });
  });

  test('no data: nothing drawn, never a line at zero', () => {
    expect(sparklineShape([null, null], 84, 24)).toEqual({ path: '', dots: [], last: null });
  });

  test('equal values sit in the middle', () => {
    expect(sparklineShape([5, 5], 84, 24).path).toBe('M2,12 L82,12');
  });
});
