// Talent search: graphs, LINE, two-tower training and ranking.
import { serveTalent } from '../src/serve/talent.ts'; // = linkrec/worker's, one service per module

serveTalent();
