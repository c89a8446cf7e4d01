import { css } from 'lit';

/** Colours of grades, shared by the grade elements (the HTML export uses the same in report/html-style.ts). */
export const gradeColours = css`
  :host {
    --tg-grade-A: #1a7f37;
    --tg-grade-B: #57a33b;
    --tg-grade-C: #b58a00;
    --tg-grade-D: #d9730d;
    --tg-grade-E: #b42318;
    --tg-grade-na: #6e7781;
  }
`;
