/**
 * The texts of the plan (repeating tasks, Today, progress) and of taking the chart along (print, image,
 * install, data download), in English and Japanese; messages.ts merges them into its catalogues.
 */
export const planEn = {
  metaDescription:
    'Goal Mandala: plan a goal as a 9×9 Mandal-Art chart of eight sub-goals and sixty-four actions, with tasks, habits and reflections.',
  anytime: 'Anytime',
  repeats: 'Repeats',
  repeatNone: 'Does not repeat',
  repeatDaily: 'Every day',
  repeatWeekly: '{n}× a week',
  weekDone: 'This week {done}/{n}',
  doneOn: 'Done on {date}',
  doneHistory: 'Last 4 weeks: done {n} times',
  doneTodayLabel: 'Done today: {title}',
  quickAdd: 'Quick add',
  quickAddGoal: 'Goal',
  quickAddAction: 'Action',
  quickAddWhen: 'When',
  quickAddNoGoals: 'Create a goal first: tasks belong to an action of a goal.',
  taskAdded: 'Added “{title}”.',
  moveToTomorrow: 'Tomorrow',
  moveToTomorrowLabel: 'Move to tomorrow: {title}',
  progressRule:
    'Progress: each named sub-goal weighs the same; within it, each action with tasks weighs the same; a repeating task counts its completions today or this week.',
  printChart: 'Print',
  saveImage: 'Save as image',
  shareImage: 'Share image',
  goalDeleted: 'Goal “{title}” deleted.',
  downloadData: 'Download my data',
  downloadDataHelp:
    'A JSON file with your goals, their cells, tasks, the days repeating tasks were done, and reflections.',
  downloadBeforeDelete: 'Before deleting, you may want to keep a copy:',
  dataDownloaded: 'Your data was downloaded.',
  dataDownloadedPartly:
    'Your data was downloaded, but it is more than one file may hold: the oldest entries were left out.',
} as const;

export const planJa: Record<keyof typeof planEn, string> = {
  metaDescription:
    'ゴール・マンダラ：目標を8つのサブ目標と64のアクションの9×9マンダラチャートにし、タスク・習慣・振り返りで進めるアプリ。',
  anytime: 'いつでも',
  repeats: '繰り返し',
  repeatNone: '繰り返さない',
  repeatDaily: '毎日',
  repeatWeekly: '週{n}回',
  weekDone: '今週 {done}/{n}',
  doneOn: '{date}に完了',
  doneHistory: '直近4週間: {n}回完了',
  doneTodayLabel: '今日完了: {title}',
  quickAdd: 'すばやく追加',
  quickAddGoal: '目標',
  quickAddAction: 'アクション',
  quickAddWhen: 'いつ',
  quickAddNoGoals: '先に目標を作成してください。タスクは目標のアクションに属します。',
  taskAdded: '「{title}」を追加しました。',
  moveToTomorrow: '明日へ',
  moveToTomorrowLabel: '明日へ移す: {title}',
  progressRule:
    '進捗の計算: 名前のあるサブ目標はどれも同じ重み、その中ではタスクのあるアクションが同じ重み、繰り返しタスクは今日または今週の完了回数で数えます。',
  printChart: '印刷',
  saveImage: '画像として保存',
  shareImage: '画像を共有',
  goalDeleted: '目標「{title}」を削除しました。',
  downloadData: 'データをダウンロード',
  downloadDataHelp: '目標とそのセル、タスク、繰り返しタスクを完了した日、振り返りを含む JSON ファイルです。',
  downloadBeforeDelete: '削除する前に、コピーを保存できます:',
  dataDownloaded: 'データをダウンロードしました。',
  dataDownloadedPartly:
    'データをダウンロードしましたが、1つのファイルに収まる量を超えたため、古い記録の一部は含まれていません。',
};
