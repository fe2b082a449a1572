/** English and Japanese text. The language defaults to the browser's and can be toggled (remembered). */
const en = {
  appName: 'Goal Mandala',
  tagline: 'One goal, eight sub-goals, sixty-four actions.',
  signIn: 'Sign in',
  signUp: 'Create account',
  signOut: 'Sign out',
  email: 'E-mail',
  password: 'Password',
  passwordHint: 'At least 8 characters',
  name: 'Name',
  noAccount: 'New here?',
  haveAccount: 'Already have an account?',
  sessionExpired: 'Your session has ended. Please sign in again.',
  language: '日本語',
  languageLabel: 'Switch to Japanese',
  myGoals: 'My goals',
  noGoals: 'No goals yet. Create your first one below.',
  newGoal: 'New goal',
  goalTitle: 'Goal',
  description: 'Description',
  deadline: 'Deadline',
  create: 'Create',
  progress: 'Progress',
  backToGoals: '← My goals',
  deleteGoal: 'Delete goal',
  confirmDeleteGoal: 'Delete this goal and everything in it?',
  chartLabel: 'Mandala chart',
  chartHelp: 'Arrow keys move, Enter edits, Escape cancels.',
  centerGoal: 'Goal',
  subGoal: 'Sub-goal {n}',
  action: 'Action {s}-{n}',
  emptyCell: 'empty',
  editCell: 'Edit {label}',
  draftWithAi: 'Draft with AI',
  aiQueued: 'Waiting for the AI…',
  aiRunning: 'The AI is drafting your sub-goals and actions…',
  aiSucceeded: 'Draft ready: empty cells were filled.',
  aiFailed: 'The AI draft failed: {error}',
  tasks: 'Tasks',
  tasksFor: 'Tasks for “{action}”',
  selectAction: 'Select an action cell in the chart to see and add its tasks.',
  noTasks: 'No tasks for this action yet.',
  taskTitle: 'Task',
  dueDate: 'Due date',
  status: 'Status',
  addTask: 'Add task',
  done: 'Done',
  delete: 'Delete',
  statusTodo: 'To do',
  statusDoing: 'Doing',
  statusDone: 'Done',
  reflections: 'Reflections',
  noReflections: 'No reflections yet.',
  reflection: 'Reflection',
  rating: 'Rating',
  date: 'Date',
  addReflection: 'Save reflection',
  saving: 'Saving…',
  saved: 'Saved',
  loading: 'Loading…',
  genericError: 'Something went wrong. Please try again.',
} as const;

export type MessageKey = keyof typeof en;
type Messages = Record<MessageKey, string>;

const ja: Messages = {
  appName: 'ゴール・マンダラ',
  tagline: 'ひとつの目標、8つのサブ目標、64の行動。',
  signIn: 'ログイン',
  signUp: 'アカウント作成',
  signOut: 'ログアウト',
  email: 'メールアドレス',
  password: 'パスワード',
  passwordHint: '8文字以上',
  name: '名前',
  noAccount: '初めての方は',
  haveAccount: 'アカウントをお持ちの方は',
  sessionExpired: 'セッションが終了しました。もう一度ログインしてください。',
  language: 'English',
  languageLabel: '英語に切り替え',
  myGoals: 'マイ目標',
  noGoals: 'まだ目標がありません。下から最初の目標を作りましょう。',
  newGoal: '新しい目標',
  goalTitle: '目標',
  description: '説明',
  deadline: '期限',
  create: '作成',
  progress: '進捗',
  backToGoals: '← マイ目標',
  deleteGoal: '目標を削除',
  confirmDeleteGoal: 'この目標とその内容をすべて削除しますか？',
  chartLabel: 'マンダラチャート',
  chartHelp: '矢印キーで移動、Enterで編集、Escapeで取り消し。',
  centerGoal: '目標',
  subGoal: 'サブ目標 {n}',
  action: '行動 {s}-{n}',
  emptyCell: '未入力',
  editCell: '{label} を編集',
  draftWithAi: 'AIで下書き',
  aiQueued: 'AIの順番待ち…',
  aiRunning: 'AIがサブ目標と行動を下書きしています…',
  aiSucceeded: '下書きができました：空欄を埋めました。',
  aiFailed: 'AIの下書きに失敗しました：{error}',
  tasks: 'タスク',
  tasksFor: '「{action}」のタスク',
  selectAction: 'チャートの行動セルを選ぶと、そのタスクを表示・追加できます。',
  noTasks: 'この行動のタスクはまだありません。',
  taskTitle: 'タスク',
  dueDate: '期日',
  status: '状態',
  addTask: 'タスクを追加',
  done: '完了',
  delete: '削除',
  statusTodo: '未着手',
  statusDoing: '進行中',
  statusDone: '完了',
  reflections: '振り返り',
  noReflections: 'まだ振り返りはありません。',
  reflection: '振り返り',
  rating: '評価',
  date: '日付',
  addReflection: '振り返りを保存',
  saving: '保存中…',
  saved: '保存しました',
  loading: '読み込み中…',
  genericError: '問題が発生しました。もう一度お試しください。',
};

export type Language = 'en' | 'ja';
const catalogs: Record<Language, Messages> = { en, ja };
const STORAGE_KEY = 'goal-mandala.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'ja') return stored;
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

let current: Language = initialLanguage();

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** The message in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[current][key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
