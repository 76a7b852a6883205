# قائمة المواد في غرفة الأخبار: الصور والتوقيعات ونقل عدة مواد دفعة واحدة.
desk-picture = الصورة
bulk-label = على المواد المحددة:
bulk-choose = اختر إجراءً…
bulk-apply = تطبيق
bulk-select = تحديد
bulk-select-one = تحديد «{ $headline }»
bulk-to-draft = إعادة إلى المسودات
bulk-to-in_review = إرسال للمراجعة
bulk-to-published = النشر الآن
bulk-to-unpublished = سحب من النشر
bulk-done = { $moved ->
    [zero] لم تُنقل أي مادة إلى حالة «{ $status }».
    [one] نُقلت مادة واحدة إلى حالة «{ $status }».
    [two] نُقلت مادتان إلى حالة «{ $status }».
    [few] نُقلت { $moved } مواد إلى حالة «{ $status }».
    [many] نُقلت { $moved } مادة إلى حالة «{ $status }».
   *[other] نُقلت { $moved } مادة إلى حالة «{ $status }».
}{ $refused ->
    [0] {""}
    [one] {" "}وتعذّر نقل مادة واحدة: حالتها لا تسمح بهذا الإجراء، أو ليست لديك صلاحية القيام به.
    [two] {" "}وتعذّر نقل مادتين: حالتهما لا تسمح بهذا الإجراء، أو ليست لديك صلاحية القيام به.
    [few] {" "}وتعذّر نقل { $refused } مواد: حالتها لا تسمح بهذا الإجراء، أو ليست لديك صلاحية القيام به.
    [many] {" "}وتعذّر نقل { $refused } مادة: حالتها لا تسمح بهذا الإجراء، أو ليست لديك صلاحية القيام به.
   *[other] {" "}وتعذّر نقل { $refused } مادة: حالتها لا تسمح بهذا الإجراء، أو ليست لديك صلاحية القيام به.
}
editor-no-bylines = لا توجد توقيعات في هذه النسخة بعد: ستُنشر المادة بلا توقيع.
editor-add-byline = إضافة توقيع

## Translation desk
tr-panel = الترجمات
tr-this-version = هذه النسخة
tr-missing = غير موجودة
tr-translate = ترجمة
tr-source = المصدر: { $edition }
tr-source-choose = اعرض بجانب النموذج
tr-source-show = اعرض
tr-filter-lacks = ليست لها نسخة في
tr-column = الطبعات
