// Scores CVSS v4.0 vectors (one a line on stdin) with metaeffekt's ae-cvss-calculator: "SCORE VECTOR".
'use strict';
const { Cvss4P0 } = require('ae-cvss-calculator');
const vectors = require('fs').readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const vector of vectors) {
  console.log(`${new Cvss4P0(vector).calculateScores().overall.toFixed(1)} ${vector}`);
}
