/**
 * The hand-written (derived) part of the world vocabulary: the job-family taxonomy that ties real
 * titles, industries and skills together, curated picks from the noisy cspell term lists, and the few
 * facts no installed source provides (cities per survey country). Everything here is linkrec's own
 * judgement; `build-world-vocab.ts` marks it `derived` in vocab.json.
 */

/** One job family (a latent topic of the world). */
export interface FamilyRule {
  name: string;
  /** NAICS code prefixes whose industry groups belong to the family. */
  naics: string[];
  /** Lower-case substrings of a title that put it in this family (first family to match wins). */
  titleKeywords: string[];
  /** Real terms picked from the cspell dictionaries (checked to exist there by the builder). */
  cspellSkills?: string[];
  /** Hand-written core skills, for families no installed term list covers. */
  coreSkills?: string[];
}

/** The 15 families, in id order (the order is part of vocab.json: do not reorder). */
export const FAMILY_RULES: FamilyRule[] = [
  {
    name: 'Software Engineering',
    naics: ['5112', '5415', '5191'],
    titleKeywords: ['web developer', 'mobile developer', 'desktop', 'embedded', 'graphics programm', 'computer programer'],
    cspellSkills: [
      'Android', 'Bazel', 'Bitbucket', 'CircleCI', 'Deno', 'Django', 'GitHub', 'GitLab', 'Gerrit', 'Goland',
      'Hibernate', 'IntelliJ', 'Jira', 'NestJS', 'Netlify', 'OpenAPI', 'OpenGL', 'OpenCL', 'OpenMP', 'PlantUML',
      'PostCSS', 'PyCharm', 'Pyright', 'Quarkus', 'SQLite', 'TailwindCSS', 'TeamCity', 'Trello', 'Valgrind',
      'Appveyor', 'Buildkite', 'Sourcetree', 'Phabricator', 'Crashlytics', 'LaunchDarkly', 'Dubbo', 'Wiremock',
      'MockServer', 'Neovim', 'ZeroMQ', 'WebdriverIO', 'Stackblitz', 'WCAG', 'autoprefixer', 'ckeditor',
      'codemirror', 'geolocation', 'lerna', 'polyfill', 'stylelint', 'typedoc', 'javadoc', 'webhook',
      'wysiwyg', 'recaptcha', 'contentful', 'directus', 'pocketbase', 'hammerjs', 'fontawesome',
    ],
  },
  {
    name: 'Data Science & Machine Learning',
    naics: ['5182', '5416', '5191'],
    titleKeywords: ['data scientist', 'machine learning', 'stats math', 'statistician', 'mathematician', 'database administrator'],
    cspellSkills: [
      'Kafka', 'Hadoop', 'Databricks', 'Redshift', 'Cloudera', 'Lucene', 'Kibana', 'Splunk', 'Avro', 'OpenCV',
      'OpenNMT', 'Horovod', 'OpenVINO', 'Miniconda', 'MongoDB', 'CockroachDB', 'CouchDB', 'Couchbase',
      'MariaDB', 'MySQL', 'PostgreSQL', 'Redis', 'ScyllaDB', 'OpenTSDB', 'MSSQL', 'LangChain', 'Pytorch',
      'Stata', 'ARIMA', 'SARIMAX', 'Autoencoder', 'Caffe', 'DataFrame', 'Kalman', 'LLM', 'LSTM', 'MxNet',
      'NDCG', 'ONNX', 'RMSE', 'SLURM', 'autograd', 'backpropagation', 'cuda', 'einsum', 'explainability',
      'fastai', 'hyperparameters', 'interpretability', 'numpy', 'perceptron', 'pretraining', 'reranking',
      'rlhf', 'sklearn', 'softmax', 'tokenizers', 'transformers', 'anonymization', 'autoregression',
    ],
  },
  {
    name: 'IT Operations & Infrastructure',
    naics: ['517', '5182', '5415'],
    titleKeywords: ['devops engineer', 'systems administrator', 'quality assurance', 'computer operator', 'office machine',
      'telegraph operator', 'telephone operator', 'radio operator'],
    cspellSkills: [
      'AWS', 'GCP', 'Ansible', 'ArgoCD', 'Artifactory', 'Bacula', 'Ceph', 'CentOS', 'Checkov', 'CloudStack',
      'Debian', 'DigitalOcean', 'Fedora', 'FluxCD', 'Fluentd', 'FreeBSD', 'GitOps', 'Istio', 'Kubernetes',
      'Knative', 'Kustomize', 'Kyverno', 'Linkerd', 'Linux', 'Nagios', 'NGINX', 'OpenShift', 'OpenStack',
      'OpenSSH', 'OpenSSL', 'OpenVPN', 'Podman', 'Portainer', 'RHEL', 'Tailscale', 'Terraform', 'Terragrunt',
      'Traefik', 'Trivy', 'Ubuntu', 'Zabbix', 'Alertmanager', 'Opsgenie', 'Instana', 'Zipkin', 'Tekton',
      'Strimzi', 'Vitess', 'RabbitMQ', 'ActiveMQ', 'Qualys', 'Gitleaks', 'Kubecost',
    ],
  },
  {
    name: 'Media, Arts & Design',
    naics: ['5111', '512', '515', '5414', '711', '712'],
    titleKeywords: ['graphic designer', 'designer', 'artist', 'photograph', 'editor', 'author', 'actor', 'musician',
      'dancer', 'entertainer', 'announcer', 'decorator', 'projectionist', 'athlete', 'sports'],
    coreSkills: ['Typography', 'Photography', 'Copywriting', 'Video Editing', 'Illustration', 'Storytelling',
      'Journalism', 'Music Production', 'Brand Identity', 'Animation'],
  },
  {
    name: 'Healthcare',
    naics: ['621', '622', '623', '4461'],
    titleKeywords: ['nurs', 'physician', 'dentist', 'pharmac', 'therap', 'optometr', 'chiropract', 'osteopath',
      'veterinar', 'midwife', 'nutrition', 'hospital', 'medical', 'psycholog', 'doctor', 'optician'],
    coreSkills: ['Patient Care', 'Clinical Documentation', 'Triage', 'Phlebotomy', 'Pharmacology', 'Medical Coding',
      'Infection Control', 'CPR', 'Vital Signs', 'Patient Education'],
  },
  {
    name: 'Finance & Business',
    naics: ['52', '53', '55', '5412'],
    titleKeywords: ['accountant', 'bookkeeper', 'bank teller', 'teller', 'stock broker', 'economist', 'insurance',
      'real estate', 'collector', 'creditor', 'claim', 'general manager', 'manager / owner', 'purchasing',
      'auctioneer', 'actuary'],
    coreSkills: ['Financial Analysis', 'Bookkeeping', 'Auditing', 'Budgeting', 'Risk Management', 'Underwriting',
      'Payroll', 'Forecasting', 'Financial Modeling', 'Tax Preparation'],
  },
  {
    name: 'Sales, Marketing & Retail',
    naics: ['42', '44', '45', '5418'],
    titleKeywords: ['sales', 'advertising', 'cashier', 'buyer', 'huckster', 'demonstrator', 'commercial traveller',
      'counter worker', 'agent', 'newsboy', 'service station'],
    coreSkills: ['Negotiation', 'Lead Generation', 'Merchandising', 'Customer Service', 'Account Management',
      'Advertising', 'Market Research', 'Point of Sale', 'Cold Calling', 'Social Media Marketing'],
  },
  {
    name: 'Engineering & Construction',
    naics: ['23', '5413'],
    titleKeywords: ['engineer', 'architect', 'surveyor', 'draftsman', 'draughtsm', 'carpenter', 'mason', 'plumber',
      'electrician', 'roofer', 'plasterer', 'glazier', 'paperhanger', 'construction', 'bricklayer', 'cement',
      'insulation', 'blaster', 'chainman', 'cranemen', 'linemen', 'house painter', 'painter'],
    coreSkills: ['AutoCAD', 'Structural Analysis', 'Surveying', 'Blueprint Reading', 'Cost Estimating', 'Site Safety',
      'Building Codes', 'Drafting', 'Project Scheduling', 'Concrete Work'],
  },
  {
    name: 'Manufacturing & Trades',
    naics: ['31', '32', '33', '811'],
    titleKeywords: ['machinist', 'welder', 'tool', 'molder', 'metal', 'boilermaker', 'blacksmith', 'textile',
      'weaver', 'loom', 'dressmaker', 'tailor', 'shoemaker', 'printing', 'pressman', 'typesetter', 'bookbinder',
      'upholsterer', 'cabinet', 'jeweler', 'engraver', 'mechanic', 'repairm', 'craftsman', 'operative', 'foremen',
      'furnace', 'millwright', 'sawyer', 'lithograph', 'electrotyper', 'dyer', 'furrier', 'milliner', 'miller',
      'baker', 'canner', 'slaughter', 'meat cutter', 'sewing', 'worker', 'roller', 'temperer', 'forgemen', 'oiler',
      'job setter', 'model maker', 'grader', 'stone cutter', 'piano', 'photo developer', 'laborer'],
    coreSkills: ['Welding', 'CNC Machining', 'Quality Control', 'Lean Manufacturing', 'Metalworking',
      'Equipment Maintenance', 'Soldering', 'Assembly', 'Machine Operation', 'Six Sigma'],
  },
  {
    name: 'Transport & Logistics',
    naics: ['48', '49'],
    titleKeywords: ['driver', 'pilot', 'sailor', 'railroad', 'railway', 'locomotive', 'train', 'longshore',
      'teamster', 'truck', 'taxi', 'boatman', 'mail carrier', 'messenger', 'delivery', 'shipping', 'dispatcher',
      'postmaster', 'postal', 'porter', 'baggage', 'motorman', 'street car', 'ship officer', 'elevator', 'parking',
      'travel clerk', 'ticket', 'train engineer'],
    coreSkills: ['Route Planning', 'Fleet Management', 'Freight Handling', 'Inventory Control', 'Forklift Operation',
      'Dispatching', 'Customs Compliance', 'Supply Chain Management', 'Warehouse Management', 'Load Planning'],
  },
  {
    name: 'Education & Public Service',
    naics: ['61', '92', '624', '813', '5411'],
    titleKeywords: ['teacher', 'professor', 'librarian', 'library', 'college', 'social worker', 'clergy', 'religious',
      'minister', 'police', 'fire', 'sheriff', 'constable', 'military', 'public official', 'administrator', 'lawyer',
      'union', 'security guard', 'crossing guard', 'counsellor', 'inspector', 'farm advisor', 'instructor', 'professor -'],
    coreSkills: ['Curriculum Design', 'Classroom Management', 'Public Policy', 'Case Management', 'Legal Research',
      'Community Outreach', 'Grant Writing', 'Mentoring', 'Public Speaking', 'Regulatory Compliance'],
  },
  {
    name: 'Hospitality & Services',
    naics: ['72', '812', '562', '713'],
    titleKeywords: ['cook', 'waiter', 'bartender', 'barber', 'janitor', 'launder', 'household', 'charwoman',
      'boarding house', 'usher', 'recreation', 'service', 'funeral', 'babysitter', 'building manager', 'gardener',
      'car washer', 'bootblack', 'floor manager', 'laundry'],
    coreSkills: ['Food Safety', 'Menu Planning', 'Guest Relations', 'Housekeeping', 'Event Planning', 'Bartending',
      'Catering', 'Sanitation', 'Reservations', 'Hospitality Management'],
  },
  {
    name: 'Agriculture & Energy',
    naics: ['11', '21', '22', '324'],
    titleKeywords: ['farm', 'fisherman', 'forrester', 'lumberman', 'miner', 'well driller', 'power station',
      'scientist - agriculture', 'scientist - geology', 'farm laborer', 'farm worker'],
    coreSkills: ['Crop Management', 'Irrigation', 'Animal Husbandry', 'Forestry', 'Drilling', 'Pipeline Operations',
      'Power Generation', 'Soil Science', 'Agronomy', 'Renewable Energy'],
  },
  {
    name: 'Science & Research',
    naics: ['5417', '3254'],
    titleKeywords: ['scientist', 'chemist', 'physicist', 'biologist'],
    coreSkills: ['Laboratory Techniques', 'Spectroscopy', 'Experimental Design', 'Microscopy', 'Chromatography',
      'Scientific Writing', 'Field Research', 'Peer Review', 'Cell Culture', 'Research Methods'],
  },
  {
    name: 'Office & Administration',
    naics: ['561', '5614'],
    titleKeywords: ['secretar', 'typist', 'clerical', 'clerk', 'receptionist', 'human resources', 'stenograph'],
    coreSkills: ['Scheduling', 'Data Entry', 'Office Management', 'Record Keeping', 'Correspondence', 'Typing',
      'Reception', 'Filing', 'Calendar Management', 'Microsoft Office'],
  },
];

/** Vega job titles that are not occupations a recruiter would search for. */
export const EXCLUDED_TITLES = ['Disabled', 'Inmate', 'Retired', 'Apprentice', 'Professional - Misc', 'Engineer'];

/** Cities per Stack Overflow survey country (derived: the survey names countries only). */
export const CITIES: Record<string, string[]> = {
  'United States': ['New York', 'San Francisco', 'Seattle', 'Austin', 'Chicago', 'Boston'],
  'United Kingdom': ['London', 'Manchester', 'Edinburgh'],
  Germany: ['Berlin', 'Munich', 'Hamburg'],
  India: ['Bangalore', 'Hyderabad', 'Pune', 'Mumbai'],
  Canada: ['Toronto', 'Vancouver', 'Montreal'],
};

/** Survey role flag → readable title, where the flag name is not one already. */
export const ROLE_TITLES: Record<string, string> = {
  DevOps: 'DevOps Engineer',
  Graphics_programming: 'Graphics Programmer',
  Developer_with_stats_math_background: 'Developer with Stats Math Background',
  Quality_assurance_engineer: 'Quality Assurance Engineer',
};

/** Words too generic to stand alone as a company name. */
export const GENERIC_COMPANY_WORDS = [
  'american', 'australian', 'canada', 'china', 'japan', 'national', 'international', 'university', 'college',
  'institute', 'group', 'holdings', 'ltd', 'inc', 'corp', 'company', 'bank', 'state', 'west', 'east', 'north',
  'south', 'new', 'us', 'for', 'the', 'and', 'of', 'chase', 'brown', 'smith', 'williams', 'robert', 'christian',
  'jude', 'ben', 'gold', 'pepper', 'spectrum', 'insight', 'equity', 'exchange', 'system', 'foot', 'mae',
  'lifesciences', 'pharmaceutical', 'pioneering', 'laboratory', 'healthcare', 'industrial', 'technology',
  'sciences', 'aviation', 'construction', 'offshore', 'capital', 'energy', 'financial', 'global', 'systems',
  'partners', 'resources', 'united', 'general', 'first', 'royal', 'federal', 'city', 'pacific', 'mutual',
  'communications', 'entertainment', 'motors', 'airlines', 'foods', 'brands', 'trust', 'life', 'power', 'oil',
  'gas', 'steel', 'realty', 'bancshares', 'bancorp', 'reit', 'last', 'germany', 'india', 'kingdom', 'mining',
  'corporation', 'income', 'whole', 'las', 'tel', 'fifth', 'chinese', 'staat', 'penh', 'rentals', 'apartments',
  'burger', 'gamble', 'discover', 'progressive', 'plains', 'commonwealth', 'magnum', 'monster', 'coach', 'kindred',
];
