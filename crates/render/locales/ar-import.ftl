## غرفة الأخبار: استيراد أرشيف (للمديرين)

nr-nav-imports = الاستيراد
import-title = استيراد أرشيف
import-intro = انقل إلى إحدى النسخ منشورات موقع WordPress أو Ghost، وصفحاته وكتّابه وتصنيفاته ووسومه وصوره وتعليقاته. إعادة الاستيراد لا تغيّر شيئًا، أو تجلب ما تغيّر في ملف التصدير؛ وتُحيل الروابط القديمة إلى روابط المواد الجديدة.
import-cli-hint = لملفات التصدير التي يزيد حجمها على { $mb } ميغابايت، أو المصحوبة بمجلد الملفات المرفوعة في الموقع القديم، استخدم سطر الأوامر: dateline import wordpress FILE.xml --edition CODE --uploads DIR
import-format = مصدر التصدير
import-format-wordpress = WordPress (ملف WXR، من أدوات ← تصدير)
import-format-ghost = Ghost (ملف JSON، من Settings → Labs → Export)
import-edition = إلى النسخة
import-sections = التصنيفات التي تصبح أقسامًا
import-sections-help = الروابط المختصرة للتصنيفات، مفصولة بفواصل لاتينية (,)؛ وتصبح التصنيفات الأخرى وسومًا. تُنشأ الأقسام غير الموجودة.
import-default-section = قسم المواد الأخرى
import-default-section-help = الرابط المختصر لأحد الأقسام؛ وإن تُرك فارغًا: القسم الأول في النسخة.
import-dry-run = الاكتفاء بعرض ما سيُستورد (من دون كتابة أي شيء)
import-file = ملف التصدير
import-start = بدء الاستيراد
import-runs = أحدث عمليات الاستيراد
import-none = لم يُجرَ أي استيراد بعد.
import-col-file = الملف
import-col-started = البدء
import-col-status = الحالة
import-col-progress = التقدّم
import-status-running = قيد التنفيذ
import-status-finished = اكتمل
import-status-failed = فشل
import-status-interrupted = توقّف
import-status-stalled = متوقف: لا تقدّم منذ أكثر من دقيقة (ربما أُعيد تشغيل الخادم). ابدأه من جديد، فلن يُستورد أي شيء مرتين.
import-progress = { $total ->
    [zero] { $done } من أصل { $total } منشور
    [one] { $done } من أصل منشور واحد
    [two] { $done } من أصل منشورين
    [few] { $done } من أصل { $total } منشورات
    [many] { $done } من أصل { $total } منشورًا
   *[other] { $done } من أصل { $total } منشور
}
import-report = التقرير
import-error = سبب الفشل
import-back = كل عمليات الاستيراد
import-refresh = تتحدّث هذه الصفحة تلقائيًا ما دام الاستيراد جاريًا.
import-error-format = اختر مصدر ملف التصدير.
import-error-edition = اختر نسخة موجودة.
import-error-default_section = لا يوجد في النسخة قسم بهذا الرابط المختصر.
import-error-file = اختر ملف تصدير.
import-error-too-large = يزيد حجم الملف على { $mb } ميغابايت: استخدم سطر الأوامر لاستيراده.
import-site-url = رابط الموقع القديم
import-site-url-help = اختياري: https://… كما كان يعرفه القرّاء. ملفات تصدير Ghost لا تذكره؛ ومعه تُجلب الصور من الموقع القديم ويُتعرَّف على روابطه.
import-error-site_url = يجب أن يبدأ رابط الموقع القديم بـ http:// أو https://.
