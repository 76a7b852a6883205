# البحث: خانة البحث في رأس الصفحة، وصفحة البحث، وخانة البحث في بنك الصور.
search = بحث
search-label = البحث في الموقع
search-form-label = البحث في الأخبار والصور
search-placeholder = ابحث
search-submit = بحث
search-suggestions = اقتراحات
search-hint = يجب أن تتطابق كل الكلمات. ضع العبارة بين علامتي تنصيص "هكذا"، واكتب -كلمة لاستبعاد كلمة.
search-description = ابحث في كل ما نشرته { $edition } من أخبار وصور.
search-results-title = بحث: { $query }
search-count = { $count ->
    [0] لم يُعثر على شيء
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $count } نتائج
    [many] { $count } نتيجة
   *[other] { $count } نتيجة
}
search-count-more = { $count ->
    [zero] أكثر من { $count } نتيجة
    [one] أكثر من نتيجة واحدة
    [two] أكثر من نتيجتين
    [few] أكثر من { $count } نتائج
    [many] أكثر من { $count } نتيجة
   *[other] أكثر من { $count } نتيجة
}
search-window = يقتصر الترتيب حسب الصلة والأعداد وعوامل التصفية على { $count ->
    [zero] آخر { $count } نتيجة مطابقة
    [one] آخر نتيجة مطابقة
    [two] آخر نتيجتين مطابقتين
    [few] آخر { $count } نتائج مطابقة
    [many] آخر { $count } نتيجة مطابقة
   *[other] آخر { $count } نتيجة مطابقة
}؛ رتّب حسب الأحدث للوصول إلى النتائج الأقدم.
search-order = الترتيب حسب
search-order-relevance = الصلة
search-order-newest = الأحدث أولًا
search-more = مزيد من النتائج
search-first = العودة إلى النتائج الأولى
search-pages = مزيد من النتائج
search-narrow = تضييق نطاق البحث
search-facet-section = القسم
search-facet-tag = الوسم
search-facet-author = الكاتب
search-facet-kind = النوع
search-facet-date = التاريخ
search-kind-article = الأخبار
search-kind-live = التغطيات المباشرة
search-kind-picture = الصور
search-date-day = آخر { 24 } ساعة
search-date-week = الأسبوع الماضي
search-date-month = الشهر الماضي
search-date-year = العام الماضي
search-clear-filters = مسح كل عوامل التصفية
search-nothing = لا توجد نتائج تطابق «{ $query }».
search-did-you-mean = هل تقصد:
search-tips = نصائح للبحث
search-tip-spelling = تحقّق من تهجئة الكلمات.
search-tip-fewer = استخدم كلمات أقل أو أعم: يجب العثور على كل كلمة.
search-tip-phrase = أزل علامتي التنصيص عن العبارة للعثور على كلماتها في أي موضع من الخبر.
search-tip-filters = ابحث مجددًا من دون عوامل التصفية.
search-problem-empty = اكتب كلمة للبحث عنها.
search-problem-too-long = عبارة البحث طويلة جدًا: الحد الأقصى { 1024 } بايت، أي نحو { 500 } حرف عربي.
search-problem-no-words = لا تتضمن عبارة البحث أي كلمة، بل رموزًا فقط مثل علامات التنصيص أو الشرطات. اكتب كلمة واحدة على الأقل.
search-problem-cursor = رابط النتائج الإضافية هذا لم يعد صالحًا. ابحث مجددًا لتبدأ من النتائج الأولى.
mediabank-search-label = البحث في الصور
mediabank-search-results = { $count ->
    [0] لا توجد صورة تطابق «{ $query }».
    [one] صورة واحدة تطابق «{ $query }».
    [two] صورتان تطابقان «{ $query }».
    [few] { $count } صور تطابق «{ $query }».
    [many] { $count } صورة تطابق «{ $query }».
   *[other] { $count } صورة تطابق «{ $query }».
}
related-stories = أخبار ذات صلة
nr-search = بحث
nr-search-words = كلمات
